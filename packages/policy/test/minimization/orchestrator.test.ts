import {
  createOrchestrator,
  createRegistry,
  defineAgent,
  type ModelAdapter,
  type ModelRequest,
  type ModelResult,
  type RunEvent,
  tool,
} from '@baton/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { minimizationPolicy } from '../../src/minimization/index.js';
import { capabilityGate } from '../../src/permissions/index.js';

type Step = string | { toolCalls: { toolCallId: string; toolName: string; input: unknown }[] };

/** A scripted model that records exactly what it was sent. */
function scriptedModel(steps: Step[]): ModelAdapter & { requests: ModelRequest[] } {
  const requests: ModelRequest[] = [];
  const usage = { inputTokens: 10, outputTokens: 5 };
  const generate = async (request: ModelRequest): Promise<ModelResult> => {
    requests.push(structuredClone(request));
    const step = steps.shift();
    if (step === undefined) throw new Error(`unexpected model call #${requests.length}`);
    if (typeof step === 'string')
      return {
        content: [{ type: 'text', text: step }],
        finishReason: { unified: 'stop', raw: 'stop' },
        usage,
      };
    return {
      content: step.toolCalls.map((c) => ({ type: 'tool-call' as const, ...c })),
      finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
      usage,
    };
  };
  return {
    specificationVersion: 'v1',
    provider: 'mock',
    modelId: 'm',
    requests,
    generate,
    async *stream(request) {
      const result = await generate(request);
      for (const part of result.content)
        if (part.type === 'text') yield { type: 'text-delta', delta: part.text };
      yield { type: 'finish', finishReason: result.finishReason, usage: result.usage };
    },
  };
}

const INPUT =
  'Customer Ann (ann@example.com, card 4111 1111 1111 1111) asks for a refund. Email her the outcome.';

describe('minimizationPolicy inside the real orchestrator', () => {
  it('keeps PII away from the model, gives tools what the task may read, and reports zero leakage', async () => {
    const sent: { to: string; body: string }[] = [];
    const sendEmail = tool({
      name: 'send_email',
      description: 'Send an email',
      input: z.object({ to: z.string(), body: z.string() }),
      capabilities: ['email:send'],
      execute: (input) => {
        sent.push(input);
        return { status: 'sent', to: input.to };
      },
    });
    const model = scriptedModel([
      {
        toolCalls: [
          {
            toolCallId: 'c1',
            toolName: 'send_email',
            input: { to: '<EMAIL_1>', body: 'Refund for card <CREDIT_CARD_1> approved.' },
          },
        ],
      },
      'Done: <EMAIL_1> was told that the refund on <CREDIT_CARD_1> is approved.',
    ]);
    const support = defineAgent({
      name: 'support',
      model: 'mock:m',
      tools: [sendEmail],
      capabilities: ['email:send', 'data:pii.email:read'],
      maxSteps: 4,
    });
    const events: RunEvent[] = [];
    const { output, report } = await createOrchestrator({
      registry: createRegistry({ providers: { mock: () => model } }),
      defaultModel: 'mock:m',
      // The caller may see everything it gave: the final answer is rehydrated in full. (The
      // default, 'capability', judges with the capabilities the orchestrator passes for the
      // final result.)
      policies: [minimizationPolicy({ rehydrateOutput: 'always' })],
      permissions: capabilityGate(),
      principal: { id: 'alice', grants: ['email:send', 'data:pii.email:read'] },
    }).run(support, INPUT, { onEvent: (e) => events.push(e) });

    // The model never saw a real value, on the first call or after the tool result came back.
    const wire = JSON.stringify(model.requests);
    expect(wire).not.toContain('ann@example.com');
    expect(wire).not.toContain('4111 1111 1111 1111');
    expect(wire).toContain('<EMAIL_1>');
    expect(wire).toContain('<CREDIT_CARD_1>');
    // The tool got the e-mail address (data:pii.email:read) but not the card (no data:pii.card:read).
    expect(sent).toEqual([{ to: 'ann@example.com', body: 'Refund for card <CREDIT_CARD_1> approved.' }]);
    // The caller gets the answer with its own values back.
    expect(JSON.stringify(output)).toContain(
      'Done: ann@example.com was told that the refund on 4111 1111 1111 1111 is approved.',
    );
    // The report: what was minimized, nothing leaked, bytes counted.
    expect(report.minimization.findings).toMatchObject({ 'pii.email': 1, 'pii.card': 1 });
    expect(Object.values(report.minimization.leaked).reduce((a, b) => a + b, 0)).toBe(0);
    expect(report.metrics.dataLeakageRate).toBe(0);
    const scans = events.filter((e) => e.type === 'egress-scanned');
    expect(scans).toHaveLength(model.requests.length);
    for (const scan of scans) expect(scan.bytes).toBeGreaterThan(0);
  });

  it('measures a leak when something re-inserts a real value after minimization', async () => {
    const model = scriptedModel(['ok']);
    const agent = defineAgent({ name: 'a', model: 'mock:m' });
    // A badly written policy that runs after minimization and puts the address back.
    const leaky = {
      name: 'leaky',
      beforeModelCall: (request: ModelRequest) => ({
        action: 'transform' as const,
        value: {
          ...request,
          messages: [
            ...request.messages,
            { role: 'user' as const, content: [{ type: 'text' as const, text: 'cc ann@example.com' }] },
          ],
        },
      }),
    };
    const { report } = await createOrchestrator({
      registry: createRegistry({ providers: { mock: () => model } }),
      defaultModel: 'mock:m',
      policies: [minimizationPolicy(), leaky],
    }).run(agent, 'Reply to ann@example.com');
    expect(report.minimization.leaked).toEqual({ 'pii.email': 1 });
    expect(report.metrics.dataLeakageRate).toBe(1);
  });
});
