import type { Agent } from '../contracts/agent.js';
import { ValidationError } from '../errors/validation-error.js';

const namePattern = /^[a-zA-Z0-9_-]{1,64}$/;

/** Checks a name that a model will see as a tool name. */
export function assertName(kind: string, name: string): void {
  if (!namePattern.test(name)) {
    throw new ValidationError(`${kind} name ${JSON.stringify(name)} must match [a-zA-Z0-9_-]{1,64}`, [
      { path: ['name'], message: 'invalid name' },
    ]);
  }
}

/** Defines an agent. Returns the same plain object, checked once here rather than on every run. */
export function defineAgent<Input = unknown, Output = unknown>(
  agent: Agent<Input, Output>,
): Agent<Input, Output> {
  assertName('agent', agent.name);
  const seen = new Set<string>();
  for (const t of agent.tools ?? []) {
    if (seen.has(t.name)) throw new ValidationError(`agent ${agent.name} has two tools named ${t.name}`);
    seen.add(t.name);
  }
  for (const sub of agent.agents ?? []) {
    if (seen.has(sub.name)) {
      throw new ValidationError(
        `agent ${agent.name}: sub-agent ${sub.name} clashes with a tool of the same name`,
      );
    }
    seen.add(sub.name);
  }
  if (agent.maxSteps !== undefined && (!Number.isInteger(agent.maxSteps) || agent.maxSteps < 1)) {
    throw new ValidationError(`agent ${agent.name}: maxSteps must be a positive integer`);
  }
  return agent;
}
