export {
  anthropicErrorFromResponse,
  anthropicErrorFromStreamEvent,
  anthropicErrorStatus,
} from './anthropic-error.js';
export {
  ANTHROPIC_DEFAULT_MAX_TOKENS,
  type AnthropicMessagesConfig,
  AnthropicMessagesLanguageModel,
} from './anthropic-messages-language-model.js';
export {
  ANTHROPIC_JSON_TOOL_NAME,
  type AnthropicMessagesOptions,
  AnthropicMessagesOptionsSchema,
} from './anthropic-messages-options.js';
export { prepareAnthropicTools } from './anthropic-prepare-tools.js';
export {
  ANTHROPIC_BASE_URL,
  type AnthropicProvider,
  type AnthropicProviderSettings,
  anthropicProvider,
  createAnthropic,
} from './anthropic-provider.js';
export { convertAnthropicUsage } from './convert-anthropic-usage.js';
export { convertToAnthropicMessages } from './convert-to-anthropic-messages.js';
export { decodeAnthropicStream } from './decode-anthropic-stream.js';
export { mapAnthropicStopReason } from './map-anthropic-stop-reason.js';
export { parseAnthropicRateLimit } from './parse-anthropic-rate-limit.js';
