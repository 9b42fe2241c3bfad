import { describe, expect, it } from 'vitest';
import { prepareGeminiTools } from '../src/gemini-prepare-tools.js';

const schema = {
  type: 'object',
  properties: { city: { type: 'string' } },
  required: ['city'],
  additionalProperties: false,
};
const tool = { name: 'get_weather', description: 'Weather', inputSchema: schema };

describe('prepareGeminiTools', () => {
  it('declares functions with converted parameters', () => {
    expect(prepareGeminiTools([tool], undefined)).toEqual({
      tools: [
        {
          functionDeclarations: [
            {
              name: 'get_weather',
              description: 'Weather',
              parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
            },
          ],
        },
      ],
      toolConfig: undefined,
    });
  });

  it('sends the JSON Schema unchanged as parametersJsonSchema on request', () => {
    expect(
      prepareGeminiTools([tool], undefined, { useJsonSchema: true }).tools?.[0]?.functionDeclarations[0],
    ).toEqual({
      name: 'get_weather',
      description: 'Weather',
      parametersJsonSchema: schema,
    });
  });

  it('omits parameters of a function that takes none', () => {
    const prepared = prepareGeminiTools(
      [{ name: 'now', inputSchema: { type: 'object', properties: {} } }],
      undefined,
    );
    expect(prepared.tools?.[0]?.functionDeclarations[0]).toEqual({ name: 'now' });
  });

  it.each([
    ['auto', { mode: 'AUTO' }],
    ['none', { mode: 'NONE' }],
    ['required', { mode: 'ANY' }],
    [
      { type: 'tool', toolName: 'get_weather' },
      { mode: 'ANY', allowedFunctionNames: ['get_weather'] },
    ],
  ] as const)('tool choice %j → %j', (choice, expected) => {
    expect(prepareGeminiTools([tool], choice).toolConfig).toEqual({ functionCallingConfig: expected });
  });
});
