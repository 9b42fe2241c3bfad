/** The outcome of `safeParseJson`. */
export type SafeParseJsonResult = { success: true; value: unknown } | { success: false; error: Error };

/** `JSON.parse` that reports failure as a value instead of throwing. */
export function safeParseJson(text: string): SafeParseJsonResult {
  try {
    return { success: true, value: JSON.parse(text) };
  } catch (error) {
    return { success: false, error: error instanceof Error ? error : new Error(String(error)) };
  }
}
