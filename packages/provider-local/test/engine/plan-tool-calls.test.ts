import type { ToolDefinition } from '@baton/core/contracts';
import { describe, expect, it } from 'vitest';
import { matchTools, planToolCalls } from '../../src/engine/plan-tool-calls.js';
import { GET_WEATHER, READ_FILE, SEARCH_NOTES, SEND_EMAIL } from '../__fixtures__/messages.js';

const TOOLS = [SEARCH_NOTES, GET_WEATHER, READ_FILE, SEND_EMAIL];
const plan = (request: string, tools: ToolDefinition[] = TOOLS) =>
  planToolCalls(request, tools, 'auto', new Set());

describe('planToolCalls', () => {
  it.each([
    [
      'Search the notes for quarterly revenue targets',
      'search_notes',
      { query: 'quarterly revenue targets' },
    ],
    [
      'Please find notes about "pricing change", top 5',
      'search_notes',
      { query: 'pricing change', limit: 5 },
    ],
    ["What's the weather in Paris?", 'get_weather', { city: 'Paris' }],
    [
      'Weather for San Francisco in fahrenheit please',
      'get_weather',
      { city: 'San Francisco', unit: 'fahrenheit' },
    ],
    ['Read the file reports/q3.md', 'read_file', { path: 'reports/q3.md' }],
    [
      'Send an email to bob@example.com with subject "Q3 numbers"',
      'send_email',
      {
        to: 'bob@example.com',
        subject: 'Q3 numbers',
        body: 'Send an email to bob@example.com with subject "Q3 numbers"',
      },
    ],
  ])('%j → %s', (request, toolName, input) => {
    expect(plan(request)).toEqual([{ toolName, input }]);
  });

  it('calls one tool per value in parallel when the request lists several', () => {
    expect(plan('Read docs/a.md and docs/b.md, then compare them')).toEqual([
      { toolName: 'read_file', input: { path: 'docs/a.md' } },
      { toolName: 'read_file', input: { path: 'docs/b.md' } },
    ]);
  });

  it('looks a bare question up with a search-like tool, but not when there is context', () => {
    const kb: ToolDefinition = {
      name: 'search_knowledge_base',
      description: 'Search the knowledge base for articles',
      inputSchema: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
    };
    expect(plan('How do I reset my password?', [kb, GET_WEATHER])).toEqual([
      { toolName: 'search_knowledge_base', input: { query: 'reset my password' } },
    ]);
    expect(planToolCalls('How do I reset my password?', [kb], 'auto', new Set(), true)).toEqual([]);
    expect(plan('How do I reset my password?', [GET_WEATHER])).toEqual([]);
  });

  it('fills an arithmetic expression and matches a tool by a word prefix', () => {
    const calculator: ToolDefinition = {
      name: 'calculator',
      description: 'Evaluate an arithmetic expression',
      inputSchema: {
        type: 'object',
        properties: { expression: { type: 'string' } },
        required: ['expression'],
      },
    };
    expect(plan('Calculate 17 * 23', [calculator])).toEqual([
      { toolName: 'calculator', input: { expression: '17 * 23' } },
    ]);
  });

  it('does not call a tool the request does not ask for', () => {
    expect(plan('Tell me a joke about cats')).toEqual([]);
    expect(planToolCalls('Search the notes for pricing', TOOLS, 'none', new Set())).toEqual([]);
  });

  it('honours required and named tool choices', () => {
    expect(planToolCalls('Tell me a joke about cats', [SEARCH_NOTES], 'required', new Set())).toEqual([
      { toolName: 'search_notes', input: { query: 'joke about cats' } },
    ]);
    expect(
      planToolCalls("What's the weather in Rome?", TOOLS, { type: 'tool', toolName: 'read_file' }, new Set()),
    ).toEqual([{ toolName: 'read_file', input: { path: "What's the weather in Rome" } }]);
  });

  it('after tool results, only calls a further tool the request names (a chain), never the same one again', () => {
    const request = 'Search the notes for the launch date and then send an email to ann@example.com';
    expect(plan(request)[0]?.toolName).toBe('search_notes');
    const next = planToolCalls(request, TOOLS, 'auto', new Set(['search_notes']));
    expect(next.map((call) => call.toolName)).toEqual(['send_email']);
    expect(planToolCalls(request, TOOLS, 'auto', new Set(['search_notes', 'send_email']))).toEqual([]);
  });

  it('fills the task of a sub-agent tool with the whole request', () => {
    const reader: ToolDefinition = {
      name: 'reader',
      description: 'Reads and summarizes a group of documents',
      inputSchema: { type: 'object', properties: { task: { type: 'string' } }, required: ['task'] },
    };
    expect(plan('Ask the reader to summarize documents doc-01 to doc-03.', [reader])).toEqual([
      { toolName: 'reader', input: { task: 'Ask the reader to summarize documents doc-01 to doc-03.' } },
    ]);
  });

  it('fills nested objects, arrays, $ref and defaults from the schema', () => {
    const tool: ToolDefinition = {
      name: 'lookup_orders',
      description: 'Look up orders by id',
      inputSchema: {
        type: 'object',
        $defs: {
          Filter: {
            type: 'object',
            properties: { status: { enum: ['open', 'shipped'] } },
            required: ['status'],
          },
        },
        properties: {
          orderIds: { type: 'array', items: { type: 'string' } },
          filter: { $ref: '#/$defs/Filter' },
          verbose: { type: 'boolean', default: false },
        },
        required: ['orderIds', 'filter'],
      },
    };
    expect(plan('Look up orders ORD-1001 and ORD-1002 that have shipped', [tool])).toEqual([
      {
        toolName: 'lookup_orders',
        input: { orderIds: ['ORD-1001', 'ORD-1002'], filter: { status: 'shipped' } },
      },
    ]);
  });

  it('scores tools by name words, description words and parameter names', () => {
    const [search, weather] = matchTools('search my notes', [SEARCH_NOTES, GET_WEATHER]);
    expect(search!.named).toBe(true);
    expect(search!.score).toBeGreaterThan(weather!.score);
    expect(weather!.score).toBe(0);
  });
});
