import { z } from 'zod';

// Wire format of the Gemini API (`generateContent` / `streamGenerateContent`). Response
// schemas are deliberately lenient: only what the adapter reads, `.nullish()` everywhere, so
// a new field or part type from the API never breaks parsing.
// @see https://ai.google.dev/api/generate-content
// @see https://ai.google.dev/api/caching#Content

/** One part of a `Content` as sent. */
export type GeminiPart =
  | { text: string; thought?: boolean; thoughtSignature?: string }
  | { inlineData: { mimeType: string; data: string } }
  | { fileData: { mimeType: string; fileUri: string } }
  | { functionCall: { name: string; args: unknown; id?: string }; thoughtSignature?: string }
  | { functionResponse: { name: string; response: Record<string, unknown>; id?: string } };

/** A turn of the conversation: `user` or `model`. */
export interface GeminiContent {
  role: 'user' | 'model';
  parts: GeminiPart[];
}

/** A function the model may call (`parameters`: OpenAPI-subset schema; `parametersJsonSchema`: JSON Schema). */
export interface GeminiFunctionDeclaration {
  name: string;
  description?: string;
  parameters?: Record<string, unknown>;
  parametersJsonSchema?: Record<string, unknown>;
}

export interface GeminiToolConfig {
  functionCallingConfig: { mode: 'AUTO' | 'ANY' | 'NONE' | 'VALIDATED'; allowedFunctionNames?: string[] };
}

/** `generationConfig` of a request. */
export interface GeminiGenerationConfig {
  temperature?: number;
  topP?: number;
  topK?: number;
  maxOutputTokens?: number;
  stopSequences?: string[];
  seed?: number;
  responseMimeType?: string;
  responseSchema?: Record<string, unknown>;
  responseJsonSchema?: Record<string, unknown>;
  thinkingConfig?: { thinkingBudget?: number; includeThoughts?: boolean; thinkingLevel?: string };
}

/** The request body of `models/{model}:generateContent`. */
export interface GeminiGenerateContentRequestBody {
  contents: GeminiContent[];
  systemInstruction?: { parts: { text: string }[] };
  tools?: { functionDeclarations: GeminiFunctionDeclaration[] }[];
  toolConfig?: GeminiToolConfig;
  generationConfig?: GeminiGenerationConfig;
  safetySettings?: { category: string; threshold: string }[];
  cachedContent?: string;
  labels?: Record<string, string>;
}

/** `usageMetadata` of a response. `promptTokenCount` includes cached tokens; `candidatesTokenCount` excludes thoughts. */
export const GeminiUsageMetadataSchema = z
  .object({
    promptTokenCount: z.number().nullish(),
    candidatesTokenCount: z.number().nullish(),
    totalTokenCount: z.number().nullish(),
    cachedContentTokenCount: z.number().nullish(),
    thoughtsTokenCount: z.number().nullish(),
    toolUsePromptTokenCount: z.number().nullish(),
  })
  .loose();
export type GeminiUsageMetadata = z.infer<typeof GeminiUsageMetadataSchema>;

const ResponsePartSchema = z
  .object({
    text: z.string().nullish(),
    thought: z.boolean().nullish(),
    thoughtSignature: z.string().nullish(),
    functionCall: z
      .object({ name: z.string(), args: z.unknown().nullish(), id: z.string().nullish() })
      .nullish(),
  })
  .loose();
export type GeminiResponsePart = z.infer<typeof ResponsePartSchema>;

/** A `GenerateContentResponse` (also each streamed chunk). */
export const GeminiGenerateContentResponseSchema = z.object({
  candidates: z
    .array(
      z
        .object({
          content: z
            .object({ role: z.string().nullish(), parts: z.array(ResponsePartSchema).nullish() })
            .nullish(),
          finishReason: z.string().nullish(),
          finishMessage: z.string().nullish(),
          safetyRatings: z.array(z.unknown()).nullish(),
          index: z.number().nullish(),
        })
        .loose(),
    )
    .nullish(),
  promptFeedback: z
    .object({
      blockReason: z.string().nullish(),
      blockReasonMessage: z.string().nullish(),
      safetyRatings: z.array(z.unknown()).nullish(),
    })
    .loose()
    .nullish(),
  usageMetadata: GeminiUsageMetadataSchema.nullish(),
  modelVersion: z.string().nullish(),
  responseId: z.string().nullish(),
});
export type GeminiGenerateContentResponse = z.infer<typeof GeminiGenerateContentResponseSchema>;

/**
 * The error body: `{ error: { code, message, status, details } }` (google.rpc.Status).
 * @see https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes
 * @see https://cloud.google.com/apis/design/errors#error_model
 */
export const GeminiErrorBodySchema = z.object({
  error: z
    .object({
      code: z.number().nullish(),
      message: z.string().nullish(),
      status: z.string().nullish(),
      details: z.array(z.record(z.string(), z.unknown())).nullish(),
    })
    .loose(),
});
export type GeminiErrorBody = z.infer<typeof GeminiErrorBodySchema>;
