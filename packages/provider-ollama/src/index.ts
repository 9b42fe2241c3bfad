export { convertToOllamaChatMessages } from './convert-to-ollama-chat-messages.js';
export { mapOllamaDoneReason } from './map-ollama-done-reason.js';
export { type OllamaChatConfig, OllamaChatLanguageModel } from './ollama-chat-language-model.js';
export { type OllamaChatOptions, ollamaChatOptionsSchema } from './ollama-chat-options.js';
export { prepareOllamaChatTools } from './ollama-chat-prepare-tools.js';
export { ollamaErrorFromResponse } from './ollama-error.js';
export {
  createOllama,
  type OllamaProvider,
  type OllamaProviderSettings,
  ollamaHostURL,
  ollamaProvider,
} from './ollama-provider.js';
export {
  createOpenAICompatible,
  type OpenAICompatibleProvider,
  type OpenAICompatibleSettings,
  openaiCompatibleProvider,
} from './openai-compatible-provider.js';
