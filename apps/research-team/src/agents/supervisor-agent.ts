import { type Agent, type AgentContext, defineAgent } from '@baton/core';
import { extractCitations } from '../citations/extract-citations.js';
import { splitCitedText } from '../citations/split-cited-text.js';
import type { Corpus } from '../corpus/load-corpus.js';
import { questionClause } from '../research-question.js';
import { publisherTask } from './publisher-agent.js';
import { readerTask } from './reader-agent.js';

/** What one reader found in its group. */
export interface Finding {
  group: string;
  title: string;
  /** The reader's summary, citing documents as `[doc-id]`. */
  summary: string;
  /** Existing document ids the summary cites. */
  citations: string[];
}

/** The supervisor's output: the answer, the documents it cites, and every reader's finding. */
export interface ResearchTeamOutput {
  question: string;
  /** The key topics the supervisor restated before fanning out. */
  plan: string;
  /** The aggregated answer, citing documents as `[doc-id]`. */
  answer: string;
  /** Existing document ids the answer cites, in order of first citation. */
  citations: string[];
  findings: Finding[];
  /** What the publisher said after trying to email the answer. */
  delivery: string;
}

/** Instructions of the supervisor (used for its planning and aggregation calls). */
export const supervisorInstructions = [
  'You lead a research team that answers questions from local documents.',
  'When asked to plan, restate the key topics of the research question as a short list.',
  "When given the readers' findings, answer the research question in a few sentences using only those findings,",
  'and keep the [doc-id] citation after every fact you use.',
].join(' ');

/** Where the publisher is asked to send the answer (a role mailbox outside the run's grants). */
export const publisherRecipient = 'programme-board@portaverill.gov';

/** The planning prompt: the question's key topics, which the supervisor passes to every reader. */
export function planPrompt(question: string): string {
  return `Summarize the key topics of this research question in one sentence, for readers who will search documents:\n\n"${questionClause(question)}."`;
}

/**
 * The aggregation prompt: the readers' findings regrouped under the id of the document
 * each passage cites (`[doc-id]` on its own line), which any model can cite from. Text a
 * reader did not cite is left out: the answer may only use facts it can attribute.
 */
export function aggregatePrompt(question: string, findings: readonly Finding[]): string {
  const evidence: string[] = [];
  for (const finding of findings) {
    for (const passage of splitCitedText(finding.summary)) {
      if (passage.source !== undefined) evidence.push(`[${passage.source}]\n${passage.text}`);
    }
  }
  return [
    `Summarize the findings below in six sentences as the answer to this research question, keeping the [doc-id] after every fact: ${questionClause(question)}.`,
    evidence.join('\n\n') || '(The readers found nothing relevant.)',
  ].join('\n\n');
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The supervisor: plans (one coordination call), fans out one reader per document group
 * (up to 20 at a time), aggregates the findings into a cited answer (one coordination
 * call) and hands the answer to the publisher. Its sub-agents are called from code, not
 * offered to its model as tools, so its own calls never delegate by accident.
 */
export function createSupervisorAgent(options: {
  model: string;
  corpus: Corpus;
  reader: Agent<string, string>;
  publisher: Agent<string, string>;
  concurrency?: number;
}): Agent<string, ResearchTeamOutput> {
  const { corpus, reader, publisher } = options;
  const concurrency = options.concurrency ?? 20;
  return defineAgent<string, ResearchTeamOutput>({
    name: 'supervisor',
    description: 'Plans a research question, fans out to readers, and aggregates a cited answer.',
    instructions: supervisorInstructions,
    model: options.model,
    capabilities: ['docs:read:/corpus/**'],
    maxOutputTokens: 1024,
    temperature: 0,
    async run(question: string, context: AgentContext): Promise<ResearchTeamOutput> {
      const plan = text(await context.generate(planPrompt(question), { coordination: true }));
      const summaries = await context.map<string>(
        reader,
        corpus.groups.map((group) => readerTask(group, question, plan)),
        { concurrency },
      );
      const findings: Finding[] = corpus.groups.map((group, index) => {
        const summary = text(summaries[index] ?? '');
        return {
          group: group.group,
          title: group.title,
          summary,
          citations: extractCitations(summary, corpus.documents),
        };
      });
      const answer = text(
        await context.generate(aggregatePrompt(question, findings), { coordination: true }),
      );
      const delivery = text(
        await context.delegate<string>(publisher, publisherTask(answer, publisherRecipient)),
      );
      return {
        question,
        plan,
        answer,
        citations: extractCitations(answer, corpus.documents),
        findings,
        delivery,
      };
    },
  });
}
