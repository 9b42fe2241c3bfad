import {
  BudgetSchema,
  MessageSchema,
  ModelRequestSchema,
  RunReportSchema,
  TaskSpecSchema,
  ToolDefinitionSchema,
} from '@baton/core/contracts';
import { describe, expect, it } from 'vitest';

describe('contract schemas', () => {
  it.each([
    [{ role: 'system', content: 'be brief' }],
    [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'hi' },
          { type: 'file', mediaType: 'image/png', data: 'iVBOR' },
        ],
      },
    ],
    [
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'thinking', signature: 'sig' },
          { type: 'tool-call', toolCallId: 'c1', toolName: 'search', input: { q: 'x' } },
        ],
      },
    ],
    [
      {
        role: 'tool',
        content: [{ type: 'tool-result', toolCallId: 'c1', toolName: 'search', output: [], isError: false }],
      },
    ],
  ])('accepts message %#', (message) => {
    expect(MessageSchema.safeParse(message).success).toBe(true);
  });

  it.each([
    [{ role: 'user', content: 'plain string is not a part list' }, 'content'],
    [
      { role: 'assistant', content: [{ type: 'tool-result', toolCallId: 'c', toolName: 't', output: 1 }] },
      'content',
    ],
    [{ role: 'robot', content: [] }, 'role'],
    [{ role: 'tool', content: [{ type: 'tool-result', toolName: 't', output: 1 }] }, 'toolCallId'],
  ])('rejects message %#', (message, path) => {
    const result = MessageSchema.safeParse(message);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain(path);
  });

  it('validates model requests at the boundary', () => {
    expect(
      ModelRequestSchema.safeParse({
        messages: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }],
        maxOutputTokens: 100,
        responseFormat: { type: 'json', schema: { type: 'object' } },
        toolChoice: { type: 'tool', toolName: 'search' },
      }).success,
    ).toBe(true);
    expect(ModelRequestSchema.safeParse({ messages: [], temperature: 3 }).success).toBe(false);
    expect(ModelRequestSchema.safeParse({ messages: [], maxOutputTokens: 0 }).success).toBe(false);
  });

  it('restricts tool names to what every provider accepts', () => {
    expect(ToolDefinitionSchema.safeParse({ name: 'read_file-2', inputSchema: {} }).success).toBe(true);
    expect(ToolDefinitionSchema.safeParse({ name: 'read file', inputSchema: {} }).success).toBe(false);
    expect(ToolDefinitionSchema.safeParse({ name: 'x'.repeat(65), inputSchema: {} }).success).toBe(false);
  });

  it('fills task defaults and rejects bad tasks', () => {
    expect(TaskSpecSchema.parse({ id: 't', agent: 'a', input: 'x' })).toMatchObject({
      priority: 0,
      dependsOn: [],
    });
    expect(TaskSpecSchema.safeParse({ id: '', agent: 'a' }).success).toBe(false);
    expect(BudgetSchema.safeParse({ tokens: -1 }).success).toBe(false);
    expect(BudgetSchema.safeParse({ modelCalls: 1.5 }).success).toBe(false);
  });

  it('rejects a report missing a stable top-level key', () => {
    expect(RunReportSchema.safeParse({ runId: 'r', status: 'succeeded' }).success).toBe(false);
  });
});
