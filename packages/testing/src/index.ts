// Public test kit. Explicit export list: add your own lines, keep others'.

export { type CollectedStream, collectStream } from './conformance/collect-stream.js';
export {
  type AdapterConformanceOptions,
  type ConformanceCase,
  conformanceCases,
  runAdapterConformance,
} from './conformance/run-adapter-conformance.js';
export { createMockModel, type MockCall, type MockModel, type MockModelOptions } from './mock-model.js';
export type {
  MockFailure,
  MockResponse,
  MockStep,
  MockToolCall,
  RequestPredicate,
} from './mock-step.js';
export {
  type AnthropicWireServerOptions,
  anthropicErrorBody,
  anthropicMessagesRoute,
  startAnthropicWireServer,
} from './wire/anthropic-wire-server.js';
export {
  BEDROCK_TEST_API_KEY,
  BEDROCK_TEST_CREDENTIALS,
  type BedrockWireServerOptions,
  bedrockConverseRoute,
  bedrockErrorReply,
  bedrockEventFrame,
  bedrockExceptionFrame,
  startBedrockWireServer,
  verifyBedrockSignature,
} from './wire/bedrock-wire-server.js';
export {
  type GeminiWireServerOptions,
  geminiErrorBody,
  geminiGenerateContentRoute,
  startGeminiWireServer,
} from './wire/gemini-wire-server.js';
export {
  type OllamaWireServerOptions,
  ollamaChatRoute,
  startOllamaWireServer,
} from './wire/ollama-wire-server.js';
export {
  type OpenAIWireServerOptions,
  openaiChatCompletionsRoute,
  openaiErrorBody,
  openaiResponsesRoute,
  startOpenAIWireServer,
} from './wire/openai-wire-server.js';
export { jsonReply, ndjsonReply, sseReply, type WireReply } from './wire/wire-reply.js';
export {
  argumentsText,
  cutStreamScenario,
  errorScenario,
  malformedEventScenario,
  rateLimitScenario,
  scenarioUsage,
  serverErrorScenario,
  slowScenario,
  splitFragments,
  splitText,
  textScenario,
  toolCallsScenario,
  type WireScenario,
  type WireStreamOptions,
  type WireToolCall,
  type WireUsage,
} from './wire/wire-scenario.js';
export {
  startWireServer,
  type WireRequest,
  type WireRoute,
  type WireServer,
  type WireServerOptions,
} from './wire/wire-server.js';
