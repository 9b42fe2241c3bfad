// The contracts entry (`@baton/core/contracts`): schemas, types and errors only, no
// runtime. Provider packages import nothing else from core.

export * from '../errors/index.js';
export type { Agent, AgentContext, DelegateOptions, PlanStep } from './agent.js';
export { type Budget, BudgetSchema } from './budget.js';
export {
  type AssistantMessage,
  AssistantMessageSchema,
  addUsage,
  type ErrorPart,
  emptyUsage,
  type FilePart,
  FilePartSchema,
  type FinishPart,
  type FinishReason,
  FinishReasonSchema,
  type JsonSchema,
  type Message,
  MessageSchema,
  type ModelAdapter,
  type ModelAdapterV1,
  type ModelCallOptions,
  type ModelContentPart,
  type ModelRequest,
  ModelRequestSchema,
  type ModelResult,
  type ModelStreamPart,
  type RateLimitInfo,
  type ReasoningDeltaPart,
  type ReasoningPart,
  ReasoningPartSchema,
  type ResponseFormat,
  ResponseFormatSchema,
  type SystemMessage,
  SystemMessageSchema,
  type TextDeltaPart,
  type TextPart,
  TextPartSchema,
  type ToolCallDeltaPart,
  type ToolCallPart,
  ToolCallPartSchema,
  type ToolCallStreamPart,
  type ToolChoice,
  ToolChoiceSchema,
  type ToolDefinition,
  ToolDefinitionSchema,
  type ToolMessage,
  ToolMessageSchema,
  type ToolResultPart,
  ToolResultPartSchema,
  type UnifiedFinishReason,
  UnifiedFinishReasonSchema,
  type Usage,
  UsageSchema,
  type UserMessage,
  UserMessageSchema,
} from './model/v1/index.js';
export type { PermissionCheck, PermissionGate } from './permission-gate.js';
export type {
  IngressValue,
  Policy,
  PolicyBoundary,
  PolicyContext,
  PolicyDecision,
  SerializedRequest,
  StoreRecord,
  TextStreamTransform,
  ToolCallRequest,
} from './policy.js';
export type {
  ErrorSummary,
  RunEvent,
  RunEventBody,
  RunEventEnvelope,
  RunEventInput,
  RunEventOf,
  RunEventType,
} from './run-event.js';
export {
  type RunMetrics,
  RunMetricsSchema,
  type RunReport,
  RunReportSchema,
  type TaskReport,
  TaskReportSchema,
} from './run-report.js';
export { type Task, type TaskSpec, TaskSpecSchema, type TaskStatus, TaskStatusSchema } from './task.js';
export type { Tool, ToolContext } from './tool.js';
