import { z } from 'zod';
import type { Agent } from '../../contracts/agent.js';
import type { JsonSchema, ToolDefinition } from '../../contracts/model/v1/tool-definition.js';
import type { CallableTool } from './tool-execution.js';

/** An agent's tools as the model sees them and as the runtime finds them, computed once per agent. */
export interface AgentTools {
  definitions: ToolDefinition[] | undefined;
  byName: ReadonlyMap<string, CallableTool>;
  outputJsonSchema: JsonSchema | undefined;
}

const delegateInputSchema: JsonSchema = {
  type: 'object',
  properties: {
    task: { type: 'string', description: 'What the sub-agent should do, with all the context it needs.' },
  },
  required: ['task'],
  additionalProperties: false,
};

const cache = new WeakMap<Agent, AgentTools>();

/** Tools and sub-agents of `agent`, plus its output schema as JSON Schema. */
export function agentTools(agent: Agent): AgentTools {
  const cached = cache.get(agent);
  if (cached) return cached;
  const byName = new Map<string, CallableTool>();
  const definitions: ToolDefinition[] = [];
  for (const t of agent.tools ?? []) {
    byName.set(t.name, { kind: 'tool', tool: t });
    definitions.push({ name: t.name, description: t.description, inputSchema: t.inputJsonSchema });
  }
  for (const sub of agent.agents ?? []) {
    byName.set(sub.name, { kind: 'agent', agent: sub });
    definitions.push({
      name: sub.name,
      description: `Delegate a task to the ${sub.name} agent${sub.description ? `: ${sub.description}` : ''}.`,
      inputSchema: delegateInputSchema,
    });
  }
  let outputJsonSchema: JsonSchema | undefined;
  if (agent.output) {
    outputJsonSchema = z.toJSONSchema(agent.output, { unrepresentable: 'any' }) as JsonSchema;
    delete outputJsonSchema.$schema;
  }
  const result: AgentTools = {
    definitions: definitions.length > 0 ? definitions : undefined,
    byName,
    outputJsonSchema,
  };
  cache.set(agent, result);
  return result;
}
