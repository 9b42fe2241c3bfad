import { createHmac } from 'node:crypto';
import { ValidationError } from '@baton/core/contracts';
import type { Finding } from './finding.js';
import { PseudonymVault } from './pseudonym-vault.js';

/**
 * How a data class is removed from outbound text:
 * - `pseudonymize`: a stable placeholder `<EMAIL_1>`; the vault keeps the real value (rehydratable);
 * - `mask`: letters and digits become `*` (separators kept; `keepLast` trailing ones stay);
 * - `hash`: `<EMAIL#0123456789abcdef>`, HMAC-SHA256 of the value under your key (joinable, not reversible);
 * - `drop`: removed entirely.
 */
export type Strategy =
  | 'pseudonymize'
  | 'mask'
  | 'hash'
  | 'drop'
  | { type: 'mask'; keepLast?: number; char?: string };

/** Picks the strategy for one finding. */
export type StrategyResolver = (finding: Finding) => Strategy;

/** What `applyStrategies` needs besides the findings. */
export interface ApplyOptions {
  vault?: PseudonymVault;
  strategy?: StrategyResolver;
  /** HMAC key for the `hash` strategy. */
  hashKey?: string | Uint8Array;
}

/** Masks letters and digits, keeping separators and the last `keepLast` alphanumerics. */
export function maskValue(value: string, keepLast = 0, char = '*'): string {
  let keep = keepLast;
  const out: string[] = new Array(value.length);
  for (let i = value.length - 1; i >= 0; i--) {
    const ch = value[i]!;
    if (/[\p{L}\p{N}]/u.test(ch)) {
      out[i] = keep > 0 ? ch : char;
      keep--;
    } else out[i] = ch;
  }
  return out.join('');
}

/** `<LABEL#16 hex>`: HMAC-SHA256 over `dataClass \0 value`. */
export function hashValue(value: string, finding: Finding, key: string | Uint8Array): string {
  const digest = createHmac('sha256', key).update(`${finding.dataClass}\u0000${value}`).digest('hex');
  return `<${finding.type}#${digest.slice(0, 16)}>`;
}

/** The replacement for one finding's value. */
export function replacementFor(
  value: string,
  finding: Finding,
  options: ApplyOptions,
  vault: PseudonymVault,
): string {
  const strategy = options.strategy?.(finding) ?? 'pseudonymize';
  if (strategy === 'pseudonymize') return vault.placeholderFor(value, finding.dataClass, finding.type);
  if (strategy === 'drop') return '';
  if (strategy === 'mask') return maskValue(value);
  if (strategy === 'hash') {
    // The policy factory refuses `hash` without a key; direct callers get a clear error too.
    if (options.hashKey === undefined) throw new ValidationError('the hash strategy needs a hashKey');
    return hashValue(value, finding, options.hashKey);
  }
  return maskValue(value, strategy.keepLast ?? 0, strategy.char ?? '*');
}

/** Rewrites `text`, replacing every finding (sorted, non-overlapping) by its strategy's output. */
export function applyStrategies(
  text: string,
  findings: readonly Finding[],
  options: ApplyOptions = {},
): string {
  if (findings.length === 0) return text;
  const vault = options.vault ?? new PseudonymVault();
  let out = '';
  let at = 0;
  for (const finding of findings) {
    out +=
      text.slice(at, finding.start) +
      replacementFor(text.slice(finding.start, finding.end), finding, options, vault);
    at = finding.end;
  }
  return out + text.slice(at);
}
