/**
 * Whether a JSON Schema already satisfies OpenAI's strict mode (every object lists all of
 * its properties in `required` and sets `additionalProperties: false`), so `strict: true`
 * can be sent without the API rejecting the schema. Walks properties, items, `$defs`,
 * `definitions` and `anyOf`.
 * @see https://platform.openai.com/docs/guides/structured-outputs#supported-schemas
 */
export function isStrictJsonSchema(schema: unknown): boolean {
  if (typeof schema !== 'object' || schema === null) return true;
  if (Array.isArray(schema)) return schema.every(isStrictJsonSchema);
  const node = schema as Record<string, unknown>;
  const properties = node.properties;
  const isObject = node.type === 'object' || (Array.isArray(node.type) && node.type.includes('object'));
  if (isObject || (typeof properties === 'object' && properties !== null)) {
    if (node.additionalProperties !== false) return false;
    const keys = Object.keys((properties as Record<string, unknown> | undefined) ?? {});
    const required = Array.isArray(node.required) ? node.required : [];
    if (keys.some((key) => !required.includes(key))) return false;
    if (!Object.values((properties as Record<string, unknown> | undefined) ?? {}).every(isStrictJsonSchema))
      return false;
  }
  for (const key of ['items', 'anyOf', '$defs', 'definitions'] as const) {
    const child = node[key];
    if (child === undefined) continue;
    if (key === '$defs' || key === 'definitions') {
      if (typeof child === 'object' && child !== null && !Object.values(child).every(isStrictJsonSchema))
        return false;
    } else if (!isStrictJsonSchema(child)) return false;
  }
  return true;
}
