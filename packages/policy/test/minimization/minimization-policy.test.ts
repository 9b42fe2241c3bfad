import type {
  ModelRequest,
  PolicyContext,
  PolicyDecision,
  RunEventInput,
  SerializedRequest,
  StoreRecord,
} from '@baton/core/contracts';
import { ValidationError } from '@baton/core/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { minimizationPolicy } from '../../src/minimization/index.js';

function context(capabilities: string[] = [], runState = new Map<unknown, unknown>()) {
  const events: RunEventInput[] = [];
  const ctx: PolicyContext = {
    runId: 'run-1',
    taskId: 'task-1',
    agent: 'writer',
    capabilities,
    runState,
    emit: (e) => events.push(e),
  };
  return { ctx, events };
}

/** What the runtime hands the egress monitor for a request: its JSON and byte count. */
function serializedOf(request: unknown): SerializedRequest {
  const json = JSON.stringify(request);
  return { json, bytes: Buffer.byteLength(json) };
}

function value<T>(decision: PolicyDecision<T> | Promise<PolicyDecision<T>>): T {
  const d = decision as PolicyDecision<T>;
  if (d.action !== 'transform') throw new Error(`expected transform, got ${d.action}`);
  return d.value;
}

const request: ModelRequest = {
  messages: [
    { role: 'system', content: 'Support agent. Escalations go to lead@acme.io.' },
    {
      role: 'user',
      content: [{ type: 'text', text: 'I am Ann, ann@example.com, card 4111 1111 1111 1111.' }],
    },
    {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'The customer wants a refund.', signature: 'sig' },
        { type: 'reasoning', text: 'Look up ann@example.com first.' },
        {
          type: 'tool-call',
          toolCallId: 'c1',
          toolName: 'lookup',
          input: { email: 'ann@example.com', limit: 3 },
        },
      ],
    },
    {
      role: 'tool',
      content: [
        { type: 'tool-result', toolCallId: 'c1', toolName: 'lookup', output: { phone: '+44 20 7946 0958' } },
      ],
    },
  ],
};

describe('minimizationPolicy: egress', () => {
  it('replaces sensitive values in every message kind and reports each distinct value once', () => {
    const policy = minimizationPolicy();
    const { ctx, events } = context();
    const sent = value(policy.beforeModelCall!(request, ctx));
    expect(sent.messages[0]).toEqual({
      role: 'system',
      content: 'Support agent. Escalations go to <EMAIL_1>.',
    });
    expect(sent.messages[1]).toEqual({
      role: 'user',
      content: [{ type: 'text', text: 'I am Ann, <EMAIL_2>, card <CREDIT_CARD_1>.' }],
    });
    const assistant = sent.messages[2] as Extract<ModelRequest['messages'][number], { role: 'assistant' }>;
    expect(assistant.content[0]).toEqual(request.messages[2]!.content[0]); // signed reasoning is replayed verbatim
    expect(assistant.content[1]).toEqual({ type: 'reasoning', text: 'Look up <EMAIL_2> first.' });
    expect(assistant.content[2]).toMatchObject({ input: { email: '<EMAIL_2>', limit: 3 } });
    expect(sent.messages[3]).toMatchObject({ content: [{ output: { phone: '<PHONE_1>' } }] });
    expect(events).toEqual([
      {
        type: 'data-minimized',
        taskId: 'task-1',
        findings: { 'pii.email': 2, 'pii.card': 1, 'pii.phone': 1 },
      },
    ]);
    // The original request is not mutated.
    expect(request.messages[1]).toMatchObject({
      content: [{ text: expect.stringContaining('ann@example.com') }],
    });

    // The next call re-sends the same history: same placeholders, nothing new to report.
    const again = value(policy.beforeModelCall!(request, ctx));
    expect(again).toEqual(sent);
    expect(events).toHaveLength(1);
  });

  it('replaces a detected value wherever it appears again, also without context and in earlier messages', () => {
    const policy = minimizationPolicy();
    const { ctx, events } = context();
    const withContext: ModelRequest = {
      messages: [
        {
          role: 'user',
          content: [{ type: 'text', text: 'Minutes: Okafor (chair) opened; Annual report approved.' }],
        },
        {
          role: 'user',
          content: [{ type: 'text', text: 'Ms Okafor asked for the budget. Email okafor@example.org.' }],
        },
      ],
    };
    const sent = value(policy.beforeModelCall!(withContext, ctx));
    const texts = sent.messages.map((m) => (m.content[0] as { text: string }).text);
    expect(texts).toEqual([
      'Minutes: <PERSON_1> (chair) opened; Annual report approved.',
      'Ms <PERSON_1> asked for the budget. Email <EMAIL_1>.',
    ]);
    expect(events).toEqual([
      { type: 'data-minimized', taskId: 'task-1', findings: { 'pii.name': 1, 'pii.email': 1 } },
    ]);
    // A later call with the bare name is minimized too, and the monitor sees no leak.
    const later: ModelRequest = {
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Thank Okafor for chairing.' }] }],
    };
    const next = value(policy.beforeModelCall!(later, ctx));
    expect((next.messages[0]!.content[0] as { text: string }).text).toBe('Thank <PERSON_1> for chairing.');
    policy.inspectEgress!(next, serializedOf(next), ctx);
    expect(events.at(-1)).toMatchObject({ type: 'egress-scanned', leaked: {} });
  });

  it('allows a request with nothing sensitive unchanged', () => {
    const { ctx, events } = context();
    const clean: ModelRequest = {
      messages: [{ role: 'user', content: [{ type: 'text', text: 'What is 2 + 2?' }] }],
    };
    expect(minimizationPolicy().beforeModelCall!(clean, ctx)).toEqual({ action: 'allow' });
    expect(events).toEqual([]);
  });

  it('applies mask, hash and drop strategies per class', () => {
    const policy = minimizationPolicy({
      strategies: { 'pii.card': { type: 'mask', keepLast: 4 }, 'pii.email': 'hash', pii: 'drop' },
      hashKey: 'k1',
    });
    const { ctx } = context();
    const text = 'ann@example.com 4111 1111 1111 1111 +44 20 7946 0958.';
    const sent = value(
      policy.beforeModelCall!({ messages: [{ role: 'user', content: [{ type: 'text', text }] }] }, ctx),
    );
    const out = (sent.messages[0]!.content[0] as { text: string }).text;
    expect(out).toMatch(/^<EMAIL#[0-9a-f]{16}> \*\*\*\* \*\*\*\* \*\*\*\* 1111 \.$/);
    const other = minimizationPolicy({ strategies: { 'pii.email': 'hash' }, hashKey: 'k1' });
    const again = value(
      other.beforeModelCall!(
        { messages: [{ role: 'user', content: [{ type: 'text', text: 'ann@example.com' }] }] },
        context().ctx,
      ),
    );
    expect((again.messages[0]!.content[0] as { text: string }).text).toBe(out.slice(0, out.indexOf(' ')));
  });

  it('validates its options', () => {
    expect(() => minimizationPolicy({ strategies: { pii: 'hash' } })).toThrow(/no hashKey/);
    expect(() => minimizationPolicy({ strategies: { pii: 'scramble' as never } })).toThrow(ValidationError);
    expect(() => minimizationPolicy({ rehydrateOutput: 'sometimes' as never })).toThrow(/rehydrateOutput/);
    expect(() => minimizationPolicy({ retention: { ttlMs: { pii: -1 } } })).toThrow(/ttlMs/);
  });
});

describe('minimizationPolicy: rehydration', () => {
  function primed(capabilities: string[], options = {}) {
    const policy = minimizationPolicy(options);
    const { ctx, events } = context(capabilities);
    policy.beforeModelCall!(request, ctx);
    return { policy, ctx, events };
  }
  const call = {
    toolName: 'send_mail',
    toolCallId: 'c2',
    input: { to: '<EMAIL_2>', cc: ['<EMAIL_1>'], body: 'card <CREDIT_CARD_1>' },
    capabilities: [],
  };

  it('gives tools real values for the classes the task may read', () => {
    const { policy, ctx } = primed(['data:pii.email:read']);
    const decision = policy.beforeToolCall!(call, ctx) as Extract<
      PolicyDecision<typeof call>,
      { action: 'transform' }
    >;
    expect(decision.value.input).toEqual({
      to: 'ann@example.com',
      cc: ['lead@acme.io'],
      body: 'card <CREDIT_CARD_1>',
    });
    expect(decision.reason).toBe(
      'rehydrated 2 pii.email; withheld 1 pii.card (no data:<class>:read capability)',
    );
  });

  it('rehydrates nothing without a data capability', () => {
    const { policy, ctx } = primed(['notes:read']);
    expect(policy.beforeToolCall!(call, ctx)).toEqual({ action: 'allow' });
  });

  it('can be turned off, or judged by a permission gate', () => {
    expect(
      primed(['data:pii:read'], { rehydrateToolCalls: false }).policy.beforeToolCall!(call, primed([]).ctx),
    ).toEqual({ action: 'allow' });
    const gate = {
      check: (_h: readonly string[], r: readonly string[]) => ({
        allowed: r[0] === 'data:pii.card:read',
        reason: '',
      }),
    };
    const { policy, ctx } = primed([], { permissions: gate });
    expect(value(policy.beforeToolCall!(call, ctx)).input).toEqual({
      to: '<EMAIL_2>',
      cc: ['<EMAIL_1>'],
      body: 'card 4111 1111 1111 1111',
    });
  });

  it('rehydrates the final answer per capability, always, or never', () => {
    const final = {
      kind: 'final' as const,
      output: { text: 'Done: wrote to <EMAIL_2> about <CREDIT_CARD_1>.' },
    };
    const byCapability = primed(['data:pii.email:read']);
    expect(value(byCapability.policy.afterResult!(final, byCapability.ctx))).toEqual({
      kind: 'final',
      output: { text: 'Done: wrote to ann@example.com about <CREDIT_CARD_1>.' },
    });
    const always = primed([], { rehydrateOutput: 'always' });
    expect((value(always.policy.afterResult!(final, always.ctx)) as typeof final).output).toEqual({
      text: 'Done: wrote to ann@example.com about 4111 1111 1111 1111.',
    });
    const never = primed(['data:*'], { rehydrateOutput: 'never' });
    expect(never.policy.afterResult!(final, never.ctx)).toEqual({ action: 'allow' });
    expect(never.policy.streamTransform!(never.ctx)).toBeUndefined();
  });

  it('rehydrates streamed deltas with placeholders split across chunks', () => {
    const { policy, ctx } = primed(['data:pii:read']);
    const stream = policy.streamTransform!(ctx)!;
    const out =
      ['Wrote to <EM', 'AIL_', '2', '> and <CRED', 'IT_CARD_1>', '.'].map((d) => stream.push(d)).join('') +
      stream.flush();
    expect(out).toBe('Wrote to ann@example.com and 4111 1111 1111 1111.');
  });

  it('projects tool outputs to declared fields before they reach the model', () => {
    const policy = minimizationPolicy({
      projections: { crm_lookup: ['$.customer.plan'], search: z.object({ title: z.string() }) },
    });
    const { ctx } = context();
    const crm = {
      kind: 'tool' as const,
      toolName: 'crm_lookup',
      output: { customer: { plan: 'pro', email: 'a@b.io', ssn: '123-45-6789' } },
    };
    expect(value(policy.afterResult!(crm, ctx))).toEqual({
      kind: 'tool',
      toolName: 'crm_lookup',
      output: { customer: { plan: 'pro' } },
    });
    const search = { kind: 'tool' as const, toolName: 'search', output: { title: 'x', body: 'long' } };
    expect((value(policy.afterResult!(search, ctx)) as typeof search).output).toEqual({ title: 'x' });
    expect(policy.afterResult!({ kind: 'tool', toolName: 'other', output: 1 }, ctx)).toEqual({
      action: 'allow',
    });
  });
});

describe('minimizationPolicy: egress monitor', () => {
  it('counts nothing when the request was minimized, and records the bytes sent', () => {
    const policy = minimizationPolicy();
    const { ctx, events } = context();
    const sent = value(policy.beforeModelCall!(request, ctx));
    const serialized = serializedOf({ model: 'm', messages: sent.messages });
    policy.inspectEgress!(sent, serialized, ctx);
    expect(events.at(-1)).toEqual({
      type: 'egress-scanned',
      taskId: 'task-1',
      callId: 'task-1#egress-1',
      bytes: serialized.bytes,
      leaked: {},
    });
  });

  it('counts vault values that got through, once per run, even JSON-escaped', () => {
    const policy = minimizationPolicy();
    const { ctx, events } = context();
    const key = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----';
    policy.beforeModelCall!(
      { messages: [{ role: 'user', content: [{ type: 'text', text: `mail ann@example.com key ${key}` }] }] },
      ctx,
    );
    // Another component put the originals back after minimization.
    const leaking: ModelRequest = {
      messages: [{ role: 'user', content: [{ type: 'text', text: `ann@example.com ${key}` }] }],
    };
    policy.inspectEgress!(leaking, serializedOf(leaking), ctx);
    expect(events.at(-1)).toMatchObject({
      type: 'egress-scanned',
      leaked: { 'pii.email': 1, 'secret.private_key': 1 },
    });
    policy.inspectEgress!(leaking, serializedOf(leaking), ctx);
    expect(events.at(-1)).toMatchObject({ type: 'egress-scanned', callId: 'task-1#egress-2', leaked: {} });
  });

  it('re-scans what is sent and counts values the minimizer never saw as detected and leaked', () => {
    const policy = minimizationPolicy();
    const { ctx, events } = context();
    const unminimized: ModelRequest = {
      messages: [{ role: 'user', content: [{ type: 'text', text: 'ssn 123-45-6789' }] }],
      tools: [{ name: 'mail', description: 'Mails support@example.com', inputSchema: {} }],
    };
    policy.inspectEgress!(unminimized, serializedOf(unminimized), {
      ...ctx,
      callId: 'call-7',
    } as PolicyContext);
    expect(events).toEqual([
      { type: 'data-minimized', taskId: 'task-1', findings: { 'pii.ssn': 1 } },
      expect.objectContaining({ type: 'egress-scanned', callId: 'call-7', leaked: { 'pii.ssn': 1 } }),
    ]);
  });

  it('finds vault values in object keys and in strings changed after minimization', () => {
    const policy = minimizationPolicy();
    const { ctx, events } = context();
    const sent = value(
      policy.beforeModelCall!(
        { messages: [{ role: 'user', content: [{ type: 'text', text: 'mail ann@example.com please' }] }] },
        ctx,
      ),
    );
    const tampered: ModelRequest = {
      messages: [
        ...sent.messages,
        {
          role: 'assistant',
          content: [
            { type: 'tool-call', toolCallId: 'c1', toolName: 'm', input: { 'ann@example.com': true } },
          ],
        },
      ],
    };
    policy.inspectEgress!(tampered, serializedOf(tampered), ctx);
    expect(events.at(-1)).toMatchObject({ type: 'egress-scanned', leaked: { 'pii.email': 1 } });
  });

  it('re-scans what a value serializes to when it is not plain data (toJSON)', () => {
    const policy = minimizationPolicy();
    const { ctx, events } = context();
    // The request object holds no sensitive string; its JSON form does.
    const lazy = { toJSON: () => ({ note: 'ssn 123-45-6789' }) };
    const sent = {
      messages: [
        {
          role: 'assistant',
          content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'save', input: lazy }],
        },
      ],
    } as unknown as ModelRequest;
    policy.inspectEgress!(sent, serializedOf(sent), ctx);
    expect(events.at(-1)).toMatchObject({ type: 'egress-scanned', leaked: { 'pii.ssn': 1 } });
  });
});

describe('minimizationPolicy: retention and run end', () => {
  it('tags stored records with data classes and TTL, redacting secrets', () => {
    const policy = minimizationPolicy();
    const { ctx } = context();
    const record: StoreRecord = {
      kind: 'memory',
      dataClasses: [],
      value: { note: 'ann@example.com uses token ghp_16C7e42F292c6912E7710c838347Ae178B4a' },
    };
    const stored = value(policy.beforeStore!(record, ctx));
    expect(stored).toEqual({
      kind: 'memory',
      dataClasses: ['pii.email'],
      ttlMs: 7 * 86_400_000,
      value: { note: 'ann@example.com uses token <API_KEY_1>' },
    });
    const clean = value(policy.beforeStore!({ kind: 'log', dataClasses: [], ttlMs: 1000, value: 'ok' }, ctx));
    expect(clean).toEqual({ kind: 'log', dataClasses: [], ttlMs: 1000, value: 'ok' });
    const custom = minimizationPolicy({ retention: { ttlMs: { 'pii.email': 60_000 }, redactOnStore: [] } });
    expect(value(custom.beforeStore!(record, context().ctx))).toMatchObject({
      ttlMs: 0,
      dataClasses: ['pii.email', 'secret.api_key'],
    });
    expect(minimizationPolicy({ retention: false }).beforeStore!(record, ctx)).toEqual({ action: 'allow' });
  });

  it('drops the vault when the run ends unless asked to keep it', () => {
    for (const persistVault of [false, true]) {
      const policy = minimizationPolicy({ persistVault });
      const runState = new Map<unknown, unknown>();
      const { ctx } = context([], runState);
      policy.beforeModelCall!(request, ctx);
      const vault = policy.vault('run-1')!;
      expect(vault.size).toBe(4);
      policy.onRunEnd!(ctx);
      expect(runState.size).toBe(0);
      expect(policy.vault('run-1')).toBe(persistVault ? vault : undefined);
      expect(vault.size).toBe(persistVault ? 4 : 0);
    }
  });
});
