export {
  BEDROCK_JSON_TOOL_NAME,
  type BedrockAuth,
  type BedrockConverseConfig,
  BedrockConverseLanguageModel,
} from './bedrock-converse-language-model.js';
export { type BedrockCredentials, loadBedrockCredentials, loadBedrockRegion } from './bedrock-credentials.js';
export {
  bedrockErrorFromResponse,
  bedrockErrorFromStreamException,
  bedrockErrorTypes,
  parseBedrockErrorType,
} from './bedrock-error.js';
export { type BedrockOptions, BedrockOptionsSchema } from './bedrock-options.js';
export { prepareBedrockTools } from './bedrock-prepare-tools.js';
export {
  type BedrockProvider,
  type BedrockProviderSettings,
  bedrockProvider,
  createBedrock,
} from './bedrock-provider.js';
export { convertBedrockUsage } from './convert-bedrock-usage.js';
export { convertToBedrockMessages } from './convert-to-bedrock-messages.js';
export { type BedrockStreamMessage, decodeBedrockEventStream } from './decode-bedrock-event-stream.js';
export { mapBedrockStopReason } from './map-bedrock-stop-reason.js';
export { type BedrockSignInput, signBedrockRequest } from './sign-bedrock-request.js';
