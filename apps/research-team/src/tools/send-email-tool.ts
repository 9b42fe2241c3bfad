import { type Tool, tool } from '@baton/core';
import { z } from 'zod';

/** A message the demo "sent": the app has no mail server, so mail lands in this outbox. */
export interface OutboxMessage {
  to: string;
  subject: string;
  body: string;
}

const SendEmailInputSchema = z.object({
  to: z.string().min(1).describe('Recipient email address.'),
  subject: z.string().default('Research summary').describe('Subject line.'),
  body: z.string().min(1).describe('Message text.'),
});

/**
 * `send_email`: needs `email:send`, which the demo's principal does not grant, so the
 * permission gate refuses it before it runs. When a caller does grant it, the message is
 * appended to `outbox` (once per recipient and body).
 */
export function sendEmailTool(
  outbox: OutboxMessage[],
): Tool<z.infer<typeof SendEmailInputSchema>, { queued: number }> {
  return tool({
    name: 'send_email',
    description: 'Send an email with the given recipient, subject and body.',
    input: SendEmailInputSchema,
    capabilities: ['email:send'],
    idempotencyKey: (input) => `${input.to}\u0000${input.body}`,
    execute(input) {
      outbox.push({ to: input.to, subject: input.subject, body: input.body });
      return { queued: outbox.length };
    },
  });
}
