export { createLocalModel, LocalModel } from './local-model.js';
export { type LocalModelOptions, LocalModelOptionsSchema } from './local-model-options.js';
export { LOCAL_MODEL_PRESETS, localProvider } from './local-provider.js';
export type { FailureRateOption, LatencyOption } from './simulation/call-simulator.js';
export { splitDeltas } from './split-deltas.js';
export { countTokens } from './text/count-tokens.js';
