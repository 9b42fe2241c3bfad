// Data minimization: detect, pseudonymize, rehydrate, scope, retain, measure.
export {
  createDetector,
  type Detector,
  type DetectorOptions,
  type RedactOptions,
} from './create-detector.js';
export { canReadDataClass, dataReadCapabilities } from './data-capability.js';
export {
  BUILTIN_DATA_CLASSES,
  type DataClassDefinition,
  DEFAULT_RETENTION_TTL_MS,
  dataClassMatches,
} from './data-class.js';
export type { Finding } from './finding.js';
export {
  type MinimizationPolicy,
  type MinimizationPolicyOptions,
  minimizationPolicy,
} from './minimization-policy.js';
export { type OutputProjection, projectToolOutput } from './project-tool-output.js';
export { PLACEHOLDER_PATTERN, PseudonymVault, type VaultEntry } from './pseudonym-vault.js';
export { defineRecognizer, type Recognizer, type RecognizerMatch } from './recognizer.js';
export { DEFAULT_PHONE_REGIONS } from './recognizers/phone-recognizer.js';
export { type RehydrationCounts, rehydrateText, rehydrateValue } from './rehydrate.js';
export { createRehydrationStream } from './rehydration-stream.js';
export { purgeExpired, type RetainedRecord, retentionTtl } from './retention.js';
export { applyStrategies, maskValue, type Strategy, type StrategyResolver } from './strategy.js';
export { IBAN_LENGTHS, ibanCheck, ibanCheckDigits } from './validators/iban.js';
export { jwtCheck } from './validators/jwt.js';
export { cardBrand, luhnCheck } from './validators/luhn.js';
export { charClassCount, looksRandom, shannonEntropy } from './validators/shannon-entropy.js';
export { ssnCheck } from './validators/us-ssn.js';
