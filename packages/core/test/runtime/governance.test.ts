import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BudgetExceededError,
  createOrchestrator,
  createRegistry,
  defineAgent,
  type ModelAdapter,
  type ModelRequest,
  type PermissionGate,
  type Policy,
  type RunEvent,
  TimeoutError,
  tool,
} from '@baton/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { echoModel, scriptedModel, text, toolCalls } from '../helpers/scripted-model.js';

// An exact-match gate: enough to test how core uses a gate (the real matcher is @baton/policy's).
const exactGate = (approval: string[] = []): PermissionGate => ({
  attenuate: (parent, requested) => (requested ? requested.filter((c) => parent.includes(c)) : parent),
  check: (held, required) => {
    const missing = required.find((c) => !held.includes(c));
    if (missing) return { allowed: false, reason: `no grant covers ${missing}`, denied: missing };
    const needsApproval = required.filter((c) => approval.includes(c));
    return { allowed: true, reason: 'covered', ...(needsApproval.length ? { needsApproval } : {}) };
  },
});

const registryOf = (model: ModelAdapter) => createRegistry({ providers: { mock: () => model } });

const sendEmail = (sent: string[]) =>
  tool({
    name: 'send_email',
    description: 'Send an email',
    input: z.object({ to: z.string() }),
    capabilities: ['email:send'],
    execute: ({ to }) => {
      sent.push(to);
      return 'sent';
    },
  });

describe('permissions in the run', () => {
  it('denies a tool call outside the task capabilities, tells the model, and counts it', async () => {
    const sent: string[] = [];
    const model = scriptedModel([
      toolCalls({ name: 'send_email', input: { to: 'a@b.c' } }),
      text('could not send'),
    ]);
    const agent = defineAgent({ name: 'mailer', tools: [sendEmail(sent)], capabilities: ['email:send'] });
    const orchestrator = createOrchestrator({
      registry: registryOf(model),
      defaultModel: 'mock:m',
      permissions: exactGate(),
      principal: { id: 'alice', grants: ['crm:read'] },
    });
    const { report } = await orchestrator.run(agent, 'send it');
    expect(sent).toEqual([]);
    expect(model.requests[1]!.messages.at(-1)).toMatchObject({
      content: [{ isError: true, output: { error: 'permission_denied', capability: 'email:send' } }],
    });
    expect(report.permissions).toMatchObject({ attempted: 1, denied: 1, escaped: 0 });
    expect(report.metrics.permissionViolationRate).toBe(1);
    expect(report.permissions.byAgent.mailer!.capabilities).toEqual([]);
  });

  it('denies a call to a tool the agent does not have (near-duplicate name)', async () => {
    const model = scriptedModel([toolCalls({ name: 'send_emai1', input: { to: 'x' } }), text('ok')]);
    const agent = defineAgent({ name: 'mailer', tools: [sendEmail([])] });
    const { report } = await createOrchestrator({ registry: registryOf(model), defaultModel: 'mock:m' }).run(
      agent,
      'x',
    );
    expect(model.requests[1]!.messages.at(-1)).toMatchObject({
      content: [
        { isError: true, output: { error: 'unknown_tool', reason: expect.stringContaining('send_email') } },
      ],
    });
    expect(report.permissions.denied).toBe(1);
  });

  it('gives a delegated child at most its parent capabilities', async () => {
    const seen: RunEvent[] = [];
    const child = defineAgent({ name: 'child', capabilities: ['crm:read', 'email:send'] });
    const parent = defineAgent({
      name: 'parent',
      agents: [child],
      capabilities: ['crm:read'],
      run: async (_input: string, ctx) => ctx.delegate(child, 'x', { capabilities: ['crm:read', 'admin:*'] }),
    });
    await createOrchestrator({
      registry: registryOf(echoModel()),
      defaultModel: 'mock:m',
      permissions: exactGate(),
      principal: { id: 'p', grants: ['crm:read', 'email:send'] },
    }).run(parent, 'x', { onEvent: (e) => seen.push(e) });
    const queued = seen.filter((e) => e.type === 'task-queued');
    expect(queued.map((e) => e.type === 'task-queued' && e.capabilities)).toEqual([
      ['crm:read'],
      ['crm:read'],
    ]);
  });

  it('pauses for approval and binds the approval to that one call', async () => {
    const sent: string[] = [];
    const model = scriptedModel([
      toolCalls({ name: 'send_email', input: { to: 'first@x.y' }, id: 'a' }),
      toolCalls({ name: 'send_email', input: { to: 'second@x.y' }, id: 'b' }),
      text('done'),
    ]);
    const orchestrator = createOrchestrator({
      registry: registryOf(model),
      defaultModel: 'mock:m',
      permissions: exactGate(['email:send']),
      principal: { id: 'p', grants: ['email:send'] },
    });
    const approvals: string[] = [];
    const run = orchestrator.run(defineAgent({ name: 'mailer', tools: [sendEmail(sent)] }), 'x', {
      onEvent: (e) => {
        if (e.type !== 'approval-requested') return;
        approvals.push(e.approvalId);
        // Approve the first call; try to replay the same approval for the second, then deny it.
        queueMicrotask(() => {
          if (approvals.length === 1) expect(orchestrator.approve(e.approvalId)).toBe(true);
          else {
            expect(orchestrator.approve(approvals[0]!)).toBe(false);
            expect(orchestrator.deny(e.approvalId)).toBe(true);
          }
        });
      },
    });
    const { report } = await run;
    expect(sent).toEqual(['first@x.y']);
    expect(new Set(approvals).size).toBe(2);
    expect(report.permissions.approvals).toEqual({ requested: 2, approved: 1, denied: 1 });
    expect(model.requests[2]!.messages.at(-1)).toMatchObject({
      content: [{ output: { error: 'approval_denied' } }],
    });
  });

  it('denies an approval that times out', async () => {
    const sent: string[] = [];
    const model = scriptedModel([toolCalls({ name: 'send_email', input: { to: 'x@y.z' } }), text('gave up')]);
    const { report } = await createOrchestrator({
      registry: registryOf(model),
      defaultModel: 'mock:m',
      permissions: exactGate(['email:send']),
      principal: { id: 'p', grants: ['email:send'] },
      approvalTimeoutMs: 1,
    }).run(defineAgent({ name: 'mailer', tools: [sendEmail(sent)] }), 'x');
    expect(sent).toEqual([]);
    expect(report.permissions.approvals).toEqual({ requested: 1, approved: 0, denied: 1 });
  });
});

describe('policies', () => {
  it('checks permission on the arguments the tool receives, after tool policies rehydrate them', async () => {
    const read: string[] = [];
    const readFile = tool({
      name: 'read_file',
      description: 'Read a file',
      input: z.object({ path: z.string() }),
      capabilities: ({ path }) => [`fs:read:${path}`],
      execute: ({ path }) => {
        read.push(path);
        return 'contents';
      },
    });
    // A deliberately simple gate: no traversal, and only under /reports/.
    const gate: PermissionGate = {
      attenuate: (parent) => parent,
      check: (_held, required) => {
        const bad = required.find((c) => !c.startsWith('fs:read:/reports/') || c.includes('..'));
        return bad
          ? { allowed: false, reason: `no grant covers ${bad}`, denied: bad }
          : { allowed: true, reason: 'ok' };
      },
    };
    const vault: Policy = {
      name: 'vault',
      beforeToolCall: (call) => ({
        action: 'transform',
        value: {
          ...call,
          input: { path: String((call.input as { path: string }).path).replace('<P_1>', '../etc/passwd') },
        },
      }),
    };
    const model = scriptedModel([
      toolCalls({ name: 'read_file', input: { path: '/reports/<P_1>' } }),
      text('done'),
    ]);
    const { report } = await createOrchestrator({
      registry: registryOf(model),
      defaultModel: 'mock:m',
      policies: [vault],
      permissions: gate,
    }).run(defineAgent({ name: 'reader', tools: [readFile] }), 'x');
    expect(read).toEqual([]);
    expect(report.permissions.denied).toBe(1);
    expect(model.requests[1]!.messages.at(-1)).toMatchObject({
      content: [{ output: { error: 'permission_denied', capability: 'fs:read:/reports/../etc/passwd' } }],
    });
  });

  it('gives the egress monitor the id of the call it inspects', async () => {
    const inspected: (string | undefined)[] = [];
    const monitor: Policy = {
      name: 'monitor',
      inspectEgress: (_r, _s, context) => void inspected.push(context.callId),
    };
    const events: RunEvent[] = [];
    await createOrchestrator({
      registry: registryOf(echoModel()),
      defaultModel: 'mock:m',
      policies: [monitor],
    }).run(defineAgent({ name: 'a' }), 'x', { onEvent: (e) => events.push(e) });
    const started = events.find((e) => e.type === 'model-call-started');
    expect(inspected).toEqual([started?.type === 'model-call-started' ? started.callId : 'missing']);
  });

  it("gives the egress monitor the request's exact JSON and byte count, after every egress policy", async () => {
    const seen: { json: string; bytes: number; sent: ModelRequest }[] = [];
    const rewrite: Policy = {
      name: 'rewrite',
      // Changes the request (so its size is measured again) and adds text that is not ASCII.
      beforeModelCall: (request) => ({
        action: 'transform',
        value: {
          ...request,
          messages: [
            ...request.messages,
            { role: 'user', content: [{ type: 'text', text: 'naïve “quote” ✓' }] },
          ],
        },
      }),
    };
    const monitor: Policy = {
      name: 'monitor',
      inspectEgress: (request, serialized) =>
        void seen.push({ json: serialized.json, bytes: serialized.bytes, sent: request }),
    };
    const model = echoModel();
    const events: RunEvent[] = [];
    await createOrchestrator({
      registry: registryOf(model),
      defaultModel: 'mock:m',
      policies: [rewrite, monitor],
    }).run(defineAgent({ name: 'a', instructions: 'Be brief.' }), 'x', { onEvent: (e) => events.push(e) });
    expect(seen).toHaveLength(1);
    const { json, bytes, sent } = seen[0]!;
    expect(json).toBe(JSON.stringify(sent));
    expect(json).toContain('naïve “quote” ✓');
    expect(bytes).toBe(Buffer.byteLength(json));
    const started = events.find((e) => e.type === 'model-call-started');
    expect(started).toMatchObject({ bytes });
  });

  it('applies egress, tool and final-output hooks in order and records decisions', async () => {
    const seenArgs: string[] = [];
    const echoTool = tool({
      name: 'echo',
      description: 'echo',
      input: z.object({ value: z.string() }),
      execute: ({ value }) => {
        seenArgs.push(value);
        return value;
      },
    });
    const model = scriptedModel([
      toolCalls({ name: 'echo', input: { value: '<SECRET_1>' } }),
      text('answer <SECRET_1>'),
    ]);
    const vault: Policy = {
      name: 'vault',
      beforeModelCall: (request) => ({
        action: 'transform',
        value: JSON.parse(JSON.stringify(request).replaceAll('hunter2', '<SECRET_1>')),
        reason: 'pseudonymized',
      }),
      beforeToolCall: (call) => ({
        action: 'transform',
        value: { ...call, input: JSON.parse(JSON.stringify(call.input).replaceAll('<SECRET_1>', 'hunter2')) },
      }),
      afterResult: (value) =>
        value.kind === 'final'
          ? {
              action: 'transform',
              value: { kind: 'final', output: String(value.output).replaceAll('<SECRET_1>', 'hunter2') },
            }
          : value.kind === 'tool'
            ? {
                action: 'transform',
                value: { ...value, output: String(value.output).replaceAll('hunter2', '<SECRET_1>') },
              }
            : { action: 'allow' },
    };
    const { output, report } = await createOrchestrator({
      registry: registryOf(model),
      defaultModel: 'mock:m',
      policies: [vault],
    }).run(defineAgent({ name: 'a', tools: [echoTool] }), 'my password is hunter2');
    expect(JSON.stringify(model.requests)).not.toContain('hunter2');
    expect(seenArgs).toEqual(['hunter2']);
    expect(output).toBe('answer hunter2');
    expect(report.metrics.complianceRate).toBe(1);
  });

  it('chains synchronous and asynchronous egress policies in order', async () => {
    const model = scriptedModel([text('done')]);
    const seen: string[] = [];
    const rewrite = (name: string, from: string, to: string): Policy => ({
      name,
      beforeModelCall: (request) => {
        const json = JSON.stringify(request);
        seen.push(`${name}:${json.includes(from)}`);
        return { action: 'transform', value: JSON.parse(json.replaceAll(from, to)) };
      },
    });
    const slow = rewrite('slow', 'beta', 'gamma');
    const asyncSlow: Policy = {
      name: 'slow',
      beforeModelCall: async (request, context) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        return slow.beforeModelCall!(request, context);
      },
    };
    const { report } = await createOrchestrator({
      registry: registryOf(model),
      defaultModel: 'mock:m',
      policies: [rewrite('first', 'alpha', 'beta'), asyncSlow, rewrite('last', 'gamma', 'delta')],
    }).run(defineAgent({ name: 'a' }), 'alpha');
    // Each policy sees the previous one's output, also across the asynchronous one.
    expect(seen).toEqual(['first:true', 'slow:true', 'last:true']);
    expect(JSON.stringify(model.requests[0])).toContain('delta');
    expect(JSON.stringify(model.requests[0])).not.toMatch(/alpha|beta|gamma/);
    expect(report.status).toBe('succeeded');
  });

  it('fails the call when an egress policy denies it', async () => {
    const model = scriptedModel([]);
    const outcome = await createOrchestrator({
      registry: registryOf(model),
      defaultModel: 'mock:m',
      policies: [{ name: 'no-egress', beforeModelCall: () => ({ action: 'deny', reason: 'offline only' }) }],
    }).run(defineAgent({ name: 'a' }), 'x').result;
    expect(outcome.status).toBe('failed');
    expect(String(outcome.error)).toMatch(/offline only/);
    expect(model.requests).toHaveLength(0);
    expect(outcome.report.metrics.complianceRate).toBe(0);
  });
});

describe('budgets and deadlines', () => {
  it('stops before a call that would cross the run budget', async () => {
    const model = scriptedModel([text('one'), text('two')]);
    const agent = defineAgent({ name: 'a', maxOutputTokens: 100 });
    const orchestrator = createOrchestrator({
      registry: registryOf(model),
      defaultModel: 'mock:m',
      limits: { budget: { modelCalls: 1 } },
    });
    const supervisor = defineAgent({
      name: 's',
      agents: [agent],
      run: async (_i: string, ctx) => [await ctx.delegate(agent, 'x'), await ctx.delegate(agent, 'y')],
    });
    const outcome = await orchestrator.run(supervisor, '').result;
    expect(BudgetExceededError.isInstance(outcome.error)).toBe(true);
    expect((outcome.error as BudgetExceededError).budget).toBe('run.modelCalls');
    expect(model.requests).toHaveLength(1);
  });

  it('cancels a task at its deadline with a TimeoutError', async () => {
    // A run deadline: a budget's timeMs is also enforced by the ledger when a call reserves,
    // which under load can refuse the call before the deadline timer fires.
    const outcome = await createOrchestrator({
      registry: registryOf(echoModel(10_000)),
      defaultModel: 'mock:m',
    }).run(defineAgent({ name: 'slow' }), 'x', { deadline: Date.now() + 20 }).result;
    expect(outcome.status).toBe('cancelled');
    expect(TimeoutError.isInstance(outcome.error)).toBe(true);
    expect(outcome.report.tasks[0]!.status).toBe('cancelled');
  });
});

describe('journal', () => {
  it('writes every event to JSONL, keeps it when the run fails, and reports what it stored', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-journal-'));
    const path = join(dir, 'events.jsonl');
    const model = scriptedModel([new Error('boom')]);
    const outcome = await createOrchestrator({ registry: registryOf(model), defaultModel: 'mock:m' }).run(
      defineAgent({ name: 'a' }),
      'x',
      { journal: { path, ttlMs: 86_400_000 } },
    ).result;
    expect(outcome.status).toBe('failed');
    const lines = readFileSync(path, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((e) => e.type)).toEqual([
      'run-started',
      'task-queued',
      'task-started',
      'model-call-started',
      'model-call-failed',
      'task-finished',
      'run-finished',
    ]);
    expect(lines.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const bytes = Buffer.byteLength(readFileSync(path, 'utf8'));
    expect(outcome.report.totals.bytesStored).toBe(bytes);
    expect(outcome.report.retention).toEqual([
      { kind: 'journal.event', records: 7, bytes, ttlMs: 86_400_000 },
    ]);
    expect(outcome.report.costs.storage).toBeGreaterThan(0);
  });
});
