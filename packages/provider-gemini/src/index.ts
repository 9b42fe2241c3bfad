export { convertGeminiUsage } from './convert-gemini-usage.js';
export { convertJsonSchemaToGeminiSchema } from './convert-json-schema-to-gemini-schema.js';
export { convertToGeminiMessages, GEMINI_GENERATED_ID_PREFIX } from './convert-to-gemini-messages.js';
export { geminiErrorFromResponse, geminiErrorStatus, parseGeminiRetryDelayMs } from './gemini-error.js';
export {
  type GeminiConfig,
  GeminiLanguageModel,
} from './gemini-language-model.js';
export { type GeminiOptions, GeminiOptionsSchema } from './gemini-options.js';
export { prepareGeminiTools } from './gemini-prepare-tools.js';
export {
  createGemini,
  GEMINI_BASE_URL,
  type GeminiProvider,
  type GeminiProviderSettings,
  geminiProvider,
} from './gemini-provider.js';
export { mapGeminiFinishReason } from './map-gemini-finish-reason.js';
