import type { ToolChoice, ToolDefinition } from '@baton/core/contracts';
import { convertJsonSchemaToGeminiSchema } from './convert-json-schema-to-gemini-schema.js';
import type { GeminiFunctionDeclaration, GeminiToolConfig } from './gemini-api.js';

/** The `tools` and `toolConfig` of a request. */
export interface GeminiPreparedTools {
  tools: { functionDeclarations: GeminiFunctionDeclaration[] }[] | undefined;
  toolConfig: GeminiToolConfig | undefined;
}

/**
 * Baton tools → one `tools` entry with `functionDeclarations`, and `toolChoice` →
 * `toolConfig.functionCallingConfig` (`auto` → AUTO, `none` → NONE, `required` → ANY, one
 * tool → ANY with `allowedFunctionNames`). Schemas go as `parameters` (OpenAPI subset,
 * converted) or, with `useJsonSchema`, unchanged as `parametersJsonSchema`.
 * @see https://ai.google.dev/api/caching#Tool
 * @see https://ai.google.dev/api/caching#FunctionCallingConfig
 */
export function prepareGeminiTools(
  tools: readonly ToolDefinition[] | undefined,
  toolChoice: ToolChoice | undefined,
  options: { useJsonSchema?: boolean | undefined } = {},
): GeminiPreparedTools {
  if (!tools || tools.length === 0) return { tools: undefined, toolConfig: undefined };
  const functionDeclarations = tools.map((tool): GeminiFunctionDeclaration => {
    const declaration: GeminiFunctionDeclaration = { name: tool.name };
    if (tool.description) declaration.description = tool.description;
    // A function without parameters must omit the schema: Gemini rejects an empty OBJECT.
    const properties = tool.inputSchema.properties;
    const empty =
      typeof properties !== 'object' || properties === null || Object.keys(properties).length === 0;
    if (!empty) {
      if (options.useJsonSchema) declaration.parametersJsonSchema = tool.inputSchema;
      else declaration.parameters = convertJsonSchemaToGeminiSchema(tool.inputSchema)!;
    }
    return declaration;
  });
  let toolConfig: GeminiToolConfig | undefined;
  if (toolChoice === 'auto') toolConfig = { functionCallingConfig: { mode: 'AUTO' } };
  else if (toolChoice === 'none') toolConfig = { functionCallingConfig: { mode: 'NONE' } };
  else if (toolChoice === 'required') toolConfig = { functionCallingConfig: { mode: 'ANY' } };
  else if (toolChoice !== undefined) {
    toolConfig = { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [toolChoice.toolName] } };
  }
  return { tools: [{ functionDeclarations }], toolConfig };
}
