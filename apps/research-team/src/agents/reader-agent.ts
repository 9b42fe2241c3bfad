import { type Agent, defineAgent } from '@baton/core';
import type { Corpus, CorpusGroup } from '../corpus/load-corpus.js';
import { questionClause } from '../research-question.js';
import { readDocumentsTool } from '../tools/read-documents-tool.js';

/** Instructions of every reader sub-agent. */
export const readerInstructions = [
  'You are a reader on a research team. Call the read_documents tool once with the document group named in your task,',
  'then answer with a short summary (at most five sentences) of what those documents say that is relevant to the research question.',
  'Keep numbers exact and put the id of the source document in square brackets after each fact, e.g. [d06-cooling-centre-attendance-report].',
  'If nothing in the group is relevant, say so in one sentence. Do not repeat contact details, bank details or credentials.',
].join(' ');

/** The task one reader receives: its group, the question and the supervisor's key topics. */
export function readerTask(group: CorpusGroup, question: string, topics?: string): string {
  const task = `Read the document group "${group.group}" (${group.title}) and summarize in three sentences what it says about this research question: ${questionClause(question)}.`;
  return topics ? `${task}\n\nKey topics: ${topics.trim()}` : task;
}

/**
 * A reader: the model loop with one tool, `read_documents`. It asks for read access to
 * the whole corpus; each call is checked against the one group it reads.
 */
export function createReaderAgent(options: { model: string; corpus: Corpus }): Agent<string, string> {
  return defineAgent<string, string>({
    name: 'reader',
    description:
      'Reads one group of local documents and summarizes what is relevant to a question, citing document ids.',
    instructions: readerInstructions,
    model: options.model,
    tools: [readDocumentsTool(options.corpus)],
    capabilities: ['docs:read:/corpus/**'],
    maxSteps: 4,
    maxOutputTokens: 512,
    temperature: 0,
  });
}
