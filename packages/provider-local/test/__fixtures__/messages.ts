import type { Message, ModelRequest, ToolDefinition } from '@baton/core/contracts';

/** A user message with one text part. */
export function user(text: string): Message {
  return { role: 'user', content: [{ type: 'text', text }] };
}

/** A request of the given messages. */
export function request(messages: Message[], extra: Partial<ModelRequest> = {}): ModelRequest {
  return { messages, ...extra };
}

/** A short article: four informative sentences about one topic, three off-topic asides. */
export const ARTICLE = [
  'Baton is a TypeScript SDK for running teams of AI agents under provable rules.',
  'The weather was pleasant on the day the team met.',
  'Baton schedules tasks from a supervisor agent to sub-agents in parallel and enforces policies on every model call.',
  'The office coffee machine was broken again.',
  'Every Baton run ends with a run report that accounts for the tokens, cost and permission checks of each agent.',
  'Agents in Baton call tools under capabilities that can only narrow when tasks are delegated to sub-agents.',
  'Lunch was pizza.',
].join(' ');

/** Three sourced documents, as a retrieval step would put them into the prompt. */
export const SOURCED_CONTEXT = [
  '[doc-01] Pricing',
  'The Pro plan costs $20 per user per month. Annual billing gives a 15% discount.',
  '',
  '[doc-02] Support',
  'Support is available around the clock by chat. Enterprise customers get a dedicated account manager.',
  '',
  '[doc-03] Security',
  'All data is encrypted at rest with AES-256. Encryption keys rotate every 90 days.',
].join('\n');

export const SEARCH_NOTES: ToolDefinition = {
  name: 'search_notes',
  description: 'Find notes matching a query',
  inputSchema: {
    type: 'object',
    properties: { query: { type: 'string' }, limit: { type: 'integer', minimum: 1, maximum: 20 } },
    required: ['query'],
    additionalProperties: false,
  },
};

export const GET_WEATHER: ToolDefinition = {
  name: 'get_weather',
  description: 'Current weather for a city',
  inputSchema: {
    type: 'object',
    properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
    required: ['city'],
  },
};

export const READ_FILE: ToolDefinition = {
  name: 'read_file',
  description: 'Read a file from the workspace',
  inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
};

export const SEND_EMAIL: ToolDefinition = {
  name: 'send_email',
  description: 'Send an e-mail message',
  inputSchema: {
    type: 'object',
    properties: { to: { type: 'string', format: 'email' }, subject: { type: 'string' }, body: { type: 'string' } },
    required: ['to', 'subject', 'body'],
  },
};
