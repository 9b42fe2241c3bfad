import type { Agent } from '@baton/core';
import { createPublisherAgent } from './agents/publisher-agent.js';
import { createReaderAgent } from './agents/reader-agent.js';
import { createSupervisorAgent, type ResearchTeamOutput } from './agents/supervisor-agent.js';
import { type Corpus, loadCorpus } from './corpus/load-corpus.js';
import { defaultCorpusDir } from './default-corpus-dir.js';
import { defaultResearchQuestion } from './research-question.js';
import type { OutboxMessage } from './tools/send-email-tool.js';

/** Options for building the team. */
export interface ResearchTeamOptions {
  /** Model reference for every agent, e.g. `local:default` or `openai:gpt-5.5`. */
  model: string;
  /** Folder with `manifest.json` and the documents (default: the corpus shipped with the app). */
  corpusDir?: string;
  /** The research question (default: `defaultResearchQuestion`). */
  question?: string;
  /** Readers running at once (default 20). */
  concurrency?: number;
}

/** The team's agents and what they work on. */
export interface ResearchTeam {
  supervisor: Agent<string, ResearchTeamOutput>;
  reader: Agent<string, string>;
  publisher: Agent<string, string>;
  corpus: Corpus;
  question: string;
  /** Where `send_email` puts messages when a caller grants `email:send` (the demo does not). */
  outbox: OutboxMessage[];
}

/** The capabilities the demo's user grants: read the corpus, nothing else (no `email:send`). */
export const researchTeamGrants: readonly string[] = ['docs:read:/corpus/**'];

/** Builds the supervisor, the reader and the publisher over a corpus. */
export function createResearchTeam(options: ResearchTeamOptions): ResearchTeam {
  const corpus = loadCorpus(options.corpusDir ?? defaultCorpusDir);
  const outbox: OutboxMessage[] = [];
  const reader = createReaderAgent({ model: options.model, corpus });
  const publisher = createPublisherAgent({ model: options.model, outbox });
  const supervisorOptions: Parameters<typeof createSupervisorAgent>[0] = {
    model: options.model,
    corpus,
    reader,
    publisher,
  };
  if (options.concurrency !== undefined) supervisorOptions.concurrency = options.concurrency;
  const supervisor = createSupervisorAgent(supervisorOptions);
  return {
    supervisor,
    reader,
    publisher,
    corpus,
    question: options.question ?? defaultResearchQuestion,
    outbox,
  };
}

/** The sample app `baton run research-team` runs. */
export const researchTeamApp = {
  name: 'research-team',
  description: 'Supervisor + 20 parallel sub-agents answer a question over local documents, with citations.',
  build(options: { model: string; corpusDir?: string }) {
    const team = createResearchTeam(options);
    return {
      agent: team.supervisor,
      input: team.question,
      principal: { id: 'demo-user', grants: [...researchTeamGrants] },
      requireApproval: [] as string[],
      limits: { concurrency: 20 },
    };
  },
};
