export { createPublisherAgent, publisherInstructions, publisherTask } from './agents/publisher-agent.js';
export { createReaderAgent, readerInstructions, readerTask } from './agents/reader-agent.js';
export {
  aggregatePrompt,
  createSupervisorAgent,
  type Finding,
  planPrompt,
  publisherRecipient,
  type ResearchTeamOutput,
  supervisorInstructions,
} from './agents/supervisor-agent.js';
export { extractCitations } from './citations/extract-citations.js';
export { type CitedPassage, splitCitedText } from './citations/split-cited-text.js';
export {
  type Corpus,
  type CorpusDocument,
  type CorpusGroup,
  type CorpusManifest,
  CorpusManifestSchema,
  loadCorpus,
} from './corpus/load-corpus.js';
export { defaultCorpusDir } from './default-corpus-dir.js';
export { defaultResearchQuestion, questionClause } from './research-question.js';
export {
  createResearchTeam,
  type ResearchTeam,
  type ResearchTeamOptions,
  researchTeamApp,
  researchTeamGrants,
} from './research-team-app.js';
export {
  formatDocument,
  type ReadDocumentsOutput,
  readDocumentsCapability,
  readDocumentsTool,
} from './tools/read-documents-tool.js';
export { type OutboxMessage, sendEmailTool } from './tools/send-email-tool.js';
