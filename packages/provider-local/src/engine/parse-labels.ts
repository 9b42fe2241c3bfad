import { memoizeByString } from '../text/memoize-by-string.js';
import type { LabelCandidate } from './classify-text.js';

/** Labels found in a prompt, and the prompt with the instruction removed (the text to classify). */
export interface ParsedLabels {
  labels: LabelCandidate[];
  rest: string;
}

const INSTRUCTION =
  /\b(?:classify|categori[sz]e|route|triage|label|tag|assign|sort|pick|choose|select)\b|\b(?:labels|categories|classes|options|choices|queues|teams|topics|intents)\b/i;
const LIST_AFTER_COLON =
  /^(.*?\b(?:classify|categori[sz]e|route|triage|label|tag|assign|sort|pick|choose|select|labels|categories|classes|options|choices|queues|teams|topics|intents|one of)\b[^:\n]*?):[ \t]*([^\n]*)$/im;
const LIST_INLINE =
  /\b(?:into|as|to|among|between|from|one of)\s+(?:one of\s+)?(?:the\s+)?(?:labels|categories|classes|options|queues|teams|topics)?\s*[([]?((?:["'`]?[\w][\w .&/-]{0,40}?["'`]?\s*(?:,|\bor\b|\|)\s*)+(?:or\s+)?["'`]?[\w][\w .&/-]{0,40}?["'`]?)[)\]]?\s*(?:[:.?\n]|$)/i;
const BULLET = /^\s*(?:[-*•]|\d{1,2}[.)])\s+(.+)$/;

/**
 * Finds the candidate labels in a classification prompt: `Classify into: billing, outage,
 * account`, `Route to one of (billing | outage | account)`, `Categories: a, b or c`, or a
 * bullet list under an instruction ending in `:` (`- billing: payments and invoices`, the
 * part after `:` / ` - ` / in parentheses being the label's description). Returns null
 * when the prompt names fewer than two labels.
 */
function parseLabelsUncached(text: string): ParsedLabels | null {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!INSTRUCTION.test(line)) continue;
    const colon = LIST_AFTER_COLON.exec(line);
    if (colon && colon[2]!.trim()) {
      const stop = /[.?!](?:\s|$)/.exec(colon[2]!);
      const list = stop ? colon[2]!.slice(0, stop.index) : colon[2]!;
      const after = stop ? colon[2]!.slice(stop.index + 1).trim() : '';
      const labels = splitList(list);
      if (labels) return { labels, rest: [after, without(lines, i, i)].filter(Boolean).join('\n') };
    }
    if (colon || /:\s*$/.test(line)) {
      const labels: LabelCandidate[] = [];
      let j = i + 1;
      for (; j < lines.length; j++) {
        const bullet = BULLET.exec(lines[j]!);
        if (!bullet) {
          if (lines[j]!.trim() === '' && labels.length === 0) continue;
          break;
        }
        const candidate = parseItem(bullet[1]!);
        if (!candidate) break;
        labels.push(candidate);
      }
      if (labels.length >= 2) return { labels, rest: without(lines, i, j - 1) };
    }
    const inline = LIST_INLINE.exec(line);
    if (inline) {
      const labels = splitList(inline[1]!);
      if (labels) {
        const after = line.slice(inline.index + inline[0].length).trim();
        const rest = [after, without(lines, i, i)].filter(Boolean).join('\n');
        return { labels, rest };
      }
    }
  }
  return null;
}

function splitList(list: string): LabelCandidate[] | null {
  const cleaned = list.trim().replace(/^[([{]|[)\]}.]$/g, '');
  const items = cleaned.split(/\s*(?:,|\||;|\/|\bor\b)\s*/i).filter(Boolean);
  const labels: LabelCandidate[] = [];
  for (const item of items) {
    const candidate = parseItem(item.replace(/^and\s+/i, ''));
    if (!candidate) return null;
    labels.push(candidate);
  }
  return labels.length >= 2 ? labels : null;
}

function parseItem(raw: string): LabelCandidate | null {
  let item = raw.trim();
  let description: string | undefined;
  const described = /^(.+?)\s*(?::|\s[-–—]\s|\()\s*(.+?)\)?\.?$/.exec(item);
  if (described) {
    item = described[1]!;
    description = described[2]!;
  }
  const label = item.replace(/^["'`*]+|["'`*.]+$/g, '').trim();
  if (!label || label.length > 40 || label.split(/\s+/).length > 4) return null;
  return description ? { label, description } : { label };
}

function without(lines: string[], from: number, to: number): string {
  return [...lines.slice(0, from), ...lines.slice(to + 1)].join('\n').trim();
}

/** Cached per string (see `memoizeByString`). */
export const parseLabels = memoizeByString(parseLabelsUncached);
