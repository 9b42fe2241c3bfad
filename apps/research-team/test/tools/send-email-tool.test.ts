import { capabilityGate } from '@baton/policy';
import { describe, expect, it } from 'vitest';
import { type OutboxMessage, researchTeamGrants, sendEmailTool } from '../../src/index.js';

const context = {
  runId: 'r1',
  taskId: 't1',
  agent: 'publisher',
  signal: new AbortController().signal,
  capabilities: ['email:send'],
};

describe('send_email', () => {
  it('needs email:send, which the demo grants do not cover', () => {
    const outbox: OutboxMessage[] = [];
    const sendEmail = sendEmailTool(outbox);
    expect(sendEmail.capabilities).toEqual(['email:send']);
    const gate = capabilityGate();
    expect(gate.check(researchTeamGrants, ['email:send']).allowed).toBe(false);
    expect(gate.attenuate(researchTeamGrants, ['email:send'])).toEqual([]);
  });

  it('puts a message in the outbox when it runs, with a default subject', async () => {
    const outbox: OutboxMessage[] = [];
    const sendEmail = sendEmailTool(outbox);
    const input = sendEmail.input.parse({ to: 'board@example.org', body: 'Summary' });
    await sendEmail.execute(input, context);
    expect(outbox).toEqual([{ to: 'board@example.org', subject: 'Research summary', body: 'Summary' }]);
  });

  it('keys idempotency on recipient and body', () => {
    const sendEmail = sendEmailTool([]);
    const key = sendEmail.idempotencyKey!;
    expect(key({ to: 'a@x.org', subject: 's', body: 'b' })).toBe(
      key({ to: 'a@x.org', subject: 'other', body: 'b' }),
    );
    expect(key({ to: 'a@x.org', subject: 's', body: 'b' })).not.toBe(
      key({ to: 'c@x.org', subject: 's', body: 'b' }),
    );
  });

  it('rejects input without a recipient or body', () => {
    const sendEmail = sendEmailTool([]);
    expect(sendEmail.input.safeParse({ body: 'x' }).success).toBe(false);
    expect(sendEmail.input.safeParse({ to: 'a@x.org' }).success).toBe(false);
  });
});
