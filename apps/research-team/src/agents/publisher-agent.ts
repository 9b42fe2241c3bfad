import { type Agent, defineAgent } from '@baton/core';
import { type OutboxMessage, sendEmailTool } from '../tools/send-email-tool.js';

/** Instructions of the publisher sub-agent. */
export const publisherInstructions = [
  'You deliver finished research summaries. When your task asks you to email a summary, call the send_email tool',
  'with the recipient, subject and summary from the task. If the tool refuses, do not retry:',
  'answer with one sentence saying the summary was not sent and why.',
].join(' ');

/** The publisher's task: email the answer. The run's principal may not send email, so this is refused. */
export function publisherTask(answer: string, recipient: string): string {
  return `Email the research summary below to ${recipient} with the subject "Cool Streets 2025 research summary".\n\n${answer}`;
}

/**
 * The publisher: a sub-agent whose model tries to act outside the run's grants. It asks
 * for `email:send`; attenuation gives it at most what its parent holds, so the gate denies
 * the call, the model gets a structured refusal and the run goes on.
 */
export function createPublisherAgent(options: {
  model: string;
  outbox: OutboxMessage[];
}): Agent<string, string> {
  return defineAgent<string, string>({
    name: 'publisher',
    description: 'Emails a finished research summary.',
    instructions: publisherInstructions,
    model: options.model,
    tools: [sendEmailTool(options.outbox)],
    capabilities: ['email:send'],
    maxSteps: 3,
    maxOutputTokens: 256,
    temperature: 0,
  });
}
