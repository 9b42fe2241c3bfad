import { memoizeByString } from '../text/memoize-by-string.js';
/** A user request split into what it asks and what it is about. */
export interface SplitRequest {
  /** The instruction (`Summarize the following:`), or the whole request when there is no separate text. */
  instruction: string;
  /** The material the instruction applies to (may be empty). */
  content: string;
  /** The question asked, when the request asks one. */
  question: string | undefined;
}

const TASK_WORDS =
  /\b(summar\w*|tl;?dr|condense|shorten|recap|digest|overview|key points|main points|gist|combine|aggregate|synthesi[sz]e|merge|classify|categori[sz]e|route|triage|label|answer|question|context|text|document|article|passage|following|below|notes?|report)\b/i;
const ACTION_WORDS =
  /\b(summar\w*|tl;?dr|condense|shorten|recap|classify|categori[sz]e|route|triage|combine|aggregate)\b/i;
const QUESTION_LINE = /^\s*(?:q(?:uestion)?\s*[:.-]\s*)(.+)$/i;
const QUESTION_START =
  /^(?:who|what|when|where|why|how|which|whom|whose|is|are|was|were|do|does|did|can|could|should|will|would|has|have|had)\b/i;

/**
 * Separates a request's instruction from its material: a first paragraph that reads as an
 * instruction (ends with `:`, names a task such as "summarize", or is a question) is the
 * instruction and the rest is the material; a single paragraph `Summarize: text` splits
 * at the colon. A `Question:` line or a line ending in `?` is the question.
 */
function splitRequestUncached(request: string): SplitRequest {
  const text = request.trim();
  const paragraphs = text.split(/\n\s*\n/);
  let instruction = text;
  let content = '';
  const first = paragraphs[0]!.trim();
  if (
    paragraphs.length > 1 &&
    first.split(/\s+/).length <= 60 &&
    (/:\s*$/.test(first) || TASK_WORDS.test(first) || isQuestion(first))
  ) {
    instruction = first;
    content = paragraphs.slice(1).join('\n\n').trim();
  } else {
    const colon = /^([^:\n]{1,200}?):[ \t]*(\S[\s\S]*)$/.exec(text);
    if (colon && TASK_WORDS.test(colon[1]!) && colon[1]!.split(/\s+/).length <= 25) {
      instruction = colon[1]!.trim();
      content = colon[2]!.trim();
    }
  }
  let question: string | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = lines.length - 1; i >= 0 && question === undefined; i--) {
    const line = lines[i]!.trim();
    const labelled = QUESTION_LINE.exec(line);
    if (labelled) question = labelled[1]!.trim();
    else if (line.endsWith('?')) question = lastSentence(line);
  }
  if (question === undefined && isQuestion(instruction)) question = instruction;
  // "Context…\n\nQuestion: …?": the last paragraph asks, everything before it is the material.
  const last = paragraphs[paragraphs.length - 1]!.trim();
  if (
    question !== undefined &&
    paragraphs.length > 1 &&
    last.includes(question) &&
    !ACTION_WORDS.test(first)
  ) {
    return { instruction: question, content: paragraphs.slice(0, -1).join('\n\n').trim(), question };
  }
  if (question !== undefined && content.includes(question)) {
    content = content
      .replace(question, '')
      .replace(/^\s*q(?:uestion)?\s*[:.-]\s*$/gim, '')
      .trim();
  }
  if (
    question !== undefined &&
    content === '' &&
    instruction !== question &&
    instruction.includes(question)
  ) {
    content = instruction
      .replace(question, '')
      .replace(/^\s*q(?:uestion)?\s*[:.-]\s*$/gim, '')
      .trim();
  }
  return { instruction, content, question };
}

/** True for text that reads as a question. */
export function isQuestion(text: string): boolean {
  const trimmed = text.trim();
  return (
    trimmed.endsWith('?') ||
    (QUESTION_START.test(trimmed) && trimmed.split(/\s+/).length <= 30 && !trimmed.includes('\n'))
  );
}

function lastSentence(line: string): string {
  const parts = line.split(/(?<=[.!?])\s+(?=\p{Lu})/u);
  return parts[parts.length - 1]!.trim();
}

/** Cached per string (see `memoizeByString`). */
export const splitRequest = memoizeByString(splitRequestUncached);
