export type { BudgetLedger, Reservation, ReservationRequest } from './budget/budget-ledger.js';
export {
  type BudgetLedgerOptions,
  type BudgetMeterSnapshot,
  createBudgetLedger,
  type HardBudgetLedger,
} from './budget/create-budget-ledger.js';
export * from './contracts/index.js';
export { JsonlJournal, type JsonlJournalOptions, type StoredSummary } from './journal/jsonl-journal.js';
export { type DurationNode, dagCriticalPathMs, dagLowerBoundMs } from './metrics/dag-lower-bound.js';
export {
  computeSubtreeMetrics,
  costAllocationEfficiency,
  type SubtreeMetrics,
  subtreeOf,
} from './metrics/subtree-metrics.js';
export { taskTimingsFromEvents } from './metrics/task-timings-from-events.js';
export {
  defaultPriceTable,
  findPrice,
  type ModelPrice,
  type PriceTable,
  priceUsage,
} from './pricing/price-table.js';
export {
  createRateLimiter,
  type RateLimit,
  type RateLimiterOptions,
  type RateLimitObservation,
  type TokenBucketRateLimiter,
} from './rate-limit/create-rate-limiter.js';
export { type CostRates, defaultCostRates, ReportBuilder } from './report/report-builder.js';
export {
  computeRunMetrics,
  criticalPathMs,
  idleWaitMs,
  ownWorkMs,
  type TaskTiming,
} from './report/run-metrics.js';
export { abortableSleep } from './resilience/abortable-sleep.js';
export { type FallbackInfo, type FallbackOptions, fallback } from './resilience/fallback.js';
export { fullJitterDelayMs, retryAfterMsOf } from './resilience/retry-delay.js';
export {
  type CircuitBreaker,
  type CircuitBreakerOptions,
  type CircuitState,
  circuitKeyOf,
  withCircuitBreaker,
} from './resilience/with-circuit-breaker.js';
export { type RetryInfo, type RetryOptions, withRetry } from './resilience/with-retry.js';
export { ApprovalRegistry } from './runtime/approvals.js';
export {
  type BatonConfig,
  BatonConfigSchema,
  defineConfig,
  fallbackModel,
  loadConfig,
} from './runtime/config.js';
export { defineAgent } from './runtime/define-agent.js';
export { type RunEventListener, RunEventStream } from './runtime/event-stream.js';
export { createRunId } from './runtime/ids.js';
export {
  createRegistry,
  type ModelRegistry,
  type ProviderFactory,
  parseModelRef,
} from './runtime/model-registry.js';
export {
  createOrchestrator,
  type Orchestrator,
  type OrchestratorOptions,
  type Principal,
  type Run,
  type RunOptions,
  type RunOutcome,
} from './runtime/orchestrator.js';
export type { ModelCallRetry, RateLimiter } from './runtime/run-context.js';
export { type ToolDefinitionInput, tool } from './runtime/tool.js';
export {
  type CancelTimer,
  type Clock,
  createRealClock,
  createSimulatedClock,
  realClock,
  type SimulatedClock,
} from './scheduler/clock.js';
export {
  createScheduler,
  type PriorityScheduler,
  type SchedulerOptions,
  type SchedulerTicket,
} from './scheduler/create-scheduler.js';
export type { Lease, Scheduler, SchedulerTask } from './scheduler/scheduler.js';
export {
  type SimulatedTaskTiming,
  type SimulateOptions,
  type SimulationResult,
  simulate,
} from './scheduler/simulate.js';
export { taskPools } from './scheduler/task-pools.js';
export { type DagTask, validateDag } from './scheduler/validate-dag.js';
