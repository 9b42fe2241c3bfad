export { convertToOpenAIChatMessages, toolOutputText } from './chat/convert-to-openai-chat-messages.js';
export { mapOpenAIChatUsage } from './chat/map-openai-chat-usage.js';
export { mapOpenAIFinishReason } from './chat/map-openai-finish-reason.js';
export {
  type OpenAIChatConfig,
  OpenAIChatLanguageModel,
  parseToolArguments,
} from './chat/openai-chat-language-model.js';
export { type OpenAIChatOptions, openaiChatOptionsSchema } from './chat/openai-chat-options.js';
export { prepareOpenAIChatTools } from './chat/openai-chat-prepare-tools.js';
export { isStrictJsonSchema } from './is-strict-json-schema.js';
export type { OpenAIConfig } from './openai-config.js';
export { openaiErrorFromResponse, openaiStreamError, parseOpenAIErrorBody } from './openai-error.js';
export {
  createOpenAI,
  type OpenAIProvider,
  type OpenAIProviderSettings,
  openaiProvider,
} from './openai-provider.js';
export { parseOpenAIDurationMs, parseOpenAIRateLimitHeaders } from './parse-openai-rate-limit-headers.js';
export { convertToOpenAIResponsesInput } from './responses/convert-to-openai-responses-input.js';
export { mapOpenAIResponsesFinishReason } from './responses/map-openai-responses-finish-reason.js';
export { mapOpenAIResponsesUsage } from './responses/map-openai-responses-usage.js';
export {
  type OpenAIResponsesConfig,
  OpenAIResponsesLanguageModel,
} from './responses/openai-responses-language-model.js';
export {
  type OpenAIResponsesOptions,
  openaiResponsesOptionsSchema,
} from './responses/openai-responses-options.js';
export { prepareOpenAIResponsesTools } from './responses/openai-responses-prepare-tools.js';
