import { ProviderUnavailableError } from '@baton/core/contracts';
import type { z } from 'zod';

/** Where an unreadable response came from, for the error. */
export interface WireResponseContext {
  /** Provider name, e.g. `anthropic`. */
  provider: string;
  /** What was being read, e.g. `response`, `/api/chat line` (default `response`). */
  what?: string;
  status?: number;
  headers?: Record<string, string>;
}

/**
 * Validates a provider's response body against its (lenient) wire schema. A body that does
 * not match is a non-retryable `ProviderUnavailableError` that keeps the body, status and
 * headers: the provider answered, but not in a shape the adapter can read.
 */
export function parseWireResponse<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  context: WireResponseContext,
): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new ProviderUnavailableError(
    `${context.provider}: unexpected ${context.what ?? 'response'} shape: ${where}${issue?.message ?? 'invalid'}`,
    {
      provider: context.provider,
      body: value,
      retryable: false,
      ...(context.status === undefined ? {} : { status: context.status }),
      ...(context.headers === undefined ? {} : { headers: context.headers }),
    },
  );
}
