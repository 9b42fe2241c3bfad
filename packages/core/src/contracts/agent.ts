import type { z } from 'zod';
import type { Budget } from './budget.js';
import type { Tool, ToolContext } from './tool.js';

/** Options for one delegation. */
export interface DelegateOptions {
  /** Higher runs first (default: the parent's priority). */
  priority?: number;
  /** Capabilities the child asks for; it receives at most the parent's. */
  capabilities?: readonly string[];
  /** A share of the parent's budget reserved for this child. */
  budget?: Budget;
  /** Expected duration in ms, for critical-path ranking. */
  expectedMs?: number;
}

/** One step of `ctx.plan`: a sub-agent run once the steps it depends on have succeeded. */
export interface PlanStep extends DelegateOptions {
  /** The sub-agent, or its name among the parent's `agents`. */
  agent: Agent | string;
  /** Its input. A function receives the outputs of `dependsOn`, keyed by step id, and returns it. */
  input?: unknown;
  /** Steps (keys of the plan) that must succeed before this one starts. */
  dependsOn?: readonly string[];
}

/** What an agent's own code (its `run` function) can do. */
export interface AgentContext extends ToolContext {
  /** Runs this agent's model loop (instructions, tools, output schema) on an input. */
  generate(input: unknown, options?: { coordination?: boolean }): Promise<unknown>;
  /** Runs a sub-agent as a child task and returns its output. */
  delegate<O = unknown>(
    agent: Agent<unknown, O> | string,
    input: unknown,
    options?: DelegateOptions,
  ): Promise<O>;
  /**
   * Runs a DAG of sub-agent steps, keyed by step id. Every step is scheduled at once, so
   * priority and critical-path order see the whole plan; a step starts when the steps it
   * depends on have succeeded, and a step whose dependency failed is cancelled without
   * running. Resolves with each step's output by step id; rejects with the first failure
   * (steps already running finish on their own). A plan that is not a DAG (unknown step,
   * cycle) or names an unknown sub-agent is refused before any step runs.
   */
  plan(steps: Readonly<Record<string, PlanStep>>): Promise<Record<string, unknown>>;
  /** Runs a sub-agent once per input, at most `concurrency` at a time, outputs in input order. */
  map<O = unknown>(
    agent: Agent<unknown, O> | string,
    inputs: readonly unknown[],
    options?: DelegateOptions & { concurrency?: number },
  ): Promise<O[]>;
}

/** An agent: instructions, a model, tools and sub-agents, under capabilities and a budget. */
export interface Agent<Input = unknown, Output = unknown> {
  /** Unique name in the run (`[a-zA-Z0-9_-]{1,64}`). */
  readonly name: string;
  /** One line on what it is for; shown to a parent model that can delegate to it. */
  readonly description?: string;
  /** System instructions. */
  readonly instructions?: string;
  /** Model reference such as `local:default` or `openai:gpt-5.5`; default from config. */
  readonly model?: string;
  /** Tools its model may call. */
  readonly tools?: readonly Tool[];
  /** Sub-agents it may delegate to (offered to its model as tools, and to `ctx.delegate`). */
  readonly agents?: readonly Agent[];
  /** Capabilities it asks for; it receives at most its parent's. */
  readonly capabilities?: readonly string[];
  /** Hard caps for each task it runs. */
  readonly budget?: Budget;
  /** zod schema for structured output; the answer is validated, with one repair attempt. */
  readonly output?: z.ZodType<Output>;
  /** Model calls allowed per task (default 8). */
  readonly maxSteps?: number;
  /** Per-call output cap (default 1024); the budget ledger reserves it. */
  readonly maxOutputTokens?: number;
  /** Sampling temperature. */
  readonly temperature?: number;
  /** Stream model output as `text-delta` events. */
  readonly stream?: boolean;
  /** Own code instead of the default model loop (e.g. a supervisor that fans out). */
  run?(input: Input, context: AgentContext): Promise<Output>;
  /** Success criteria: the run fails its outcome when this returns false. */
  outcome?(output: Output): boolean;
}
