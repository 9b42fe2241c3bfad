/**
 * A JSON Schema → the OpenAPI 3.0 subset Gemini's `parameters` and `responseSchema` accept.
 * Keeps what the API documents (`type`, `format`, `description`, `enum`, `items`,
 * `properties`, `required`, `anyOf`, bounds…), turns `const` into a one-value `enum` and
 * `type: [T, 'null']` / `anyOf: [.., { type: 'null' }]` into `nullable`, drops the rest
 * (`$schema`, `additionalProperties`, …). Use the `responseJsonSchema` /
 * `parametersJsonSchema` mode to send a JSON Schema unchanged instead.
 * @see https://ai.google.dev/api/caching#Schema
 */
export function convertJsonSchemaToGeminiSchema(schema: unknown): Record<string, unknown> | undefined {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return undefined;
  const input = schema as Record<string, unknown>;
  const out: Record<string, unknown> = {};

  let type = input.type;
  if (Array.isArray(type)) {
    const nonNull = type.filter((t) => t !== 'null');
    if (nonNull.length < type.length) out.nullable = true;
    type = nonNull.length === 1 ? nonNull[0] : undefined;
    if (nonNull.length > 1) out.anyOf = nonNull.map((t) => ({ type: t }));
  }
  if (typeof type === 'string' && type !== 'null') out.type = type;
  if (type === 'null') out.nullable = true;

  for (const key of COPIED) {
    if (input[key] !== undefined) out[key] = input[key];
  }
  if (input.const !== undefined) out.enum = [input.const];
  if (Array.isArray(out.enum) && out.type === undefined) out.type = 'string';

  if (input.items !== undefined) {
    const items = convertJsonSchemaToGeminiSchema(input.items);
    if (items) out.items = items;
  }
  if (typeof input.properties === 'object' && input.properties !== null) {
    const properties: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(input.properties as Record<string, unknown>)) {
      properties[name] = convertJsonSchemaToGeminiSchema(value) ?? {};
    }
    out.properties = properties;
  }
  const union = (input.anyOf ?? input.oneOf) as unknown;
  if (Array.isArray(union)) {
    const variants = union.filter(
      (v) => !(typeof v === 'object' && v !== null && (v as Record<string, unknown>).type === 'null'),
    );
    if (variants.length < union.length) out.nullable = true;
    if (variants.length === 1) Object.assign(out, convertJsonSchemaToGeminiSchema(variants[0]));
    else if (variants.length > 1) out.anyOf = variants.map((v) => convertJsonSchemaToGeminiSchema(v) ?? {});
  }
  return out;
}

const COPIED = [
  'format',
  'title',
  'description',
  'enum',
  'required',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'minProperties',
  'maxProperties',
  'default',
  'example',
  'propertyOrdering',
] as const;
