export {
  type AuditDecision,
  type AuditEntry,
  type AuditRecord,
  chainAuditRecord,
  GENESIS_HASH,
  hashAuditRecord,
} from './audit/audit-record.js';
export { canonicalJson } from './audit/canonical-json.js';
export { type AuditLog, type AuditLogOptions, createAuditLog } from './audit/create-audit-log.js';
export {
  type AgentAuditSummary,
  type AuditSummary,
  type DecisionCounts,
  formatAuditSummary,
  summarizeAuditLog,
} from './audit/summarize-audit-log.js';
export {
  type AuditVerification,
  type VerifyAuditLogOptions,
  verifyAuditLog,
} from './audit/verify-audit-log.js';
export type { Capability } from './capability.js';
export { type CapabilityGate, type CapabilityGateOptions, capabilityGate } from './capability-gate.js';
export { type CapabilityRequest, parseCapabilityRequest } from './capability-request.js';
export { attenuate, CapabilitySet } from './capability-set.js';
export { type CoverResult, checkCapability, covers } from './covers.js';
export { type Grant, grantProblem, parseGrant } from './grant.js';
export { grantContains, intersectGrants } from './grant-relations.js';
export { dataClassCapability, mayReadDataClass } from './may-read-data-class.js';
export {
  MAX_DECODE_ROUNDS,
  normalizeRequestScope,
  type ScopeNormalization,
} from './normalize-request-scope.js';
export { capabilityProblem, formatCapability, parseCapability } from './parse-capability.js';
export {
  compileScopePattern,
  formatScopePattern,
  matchScopePattern,
  type PatternSegment,
  type ScopePath,
  type ScopePattern,
} from './scope-pattern.js';
export { intersectScopePatterns, scopePatternContains } from './scope-pattern-relations.js';
