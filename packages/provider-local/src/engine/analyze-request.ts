import type { ModelRequest, ToolResultPart } from '@baton/core/contracts';
import { countTokens } from '../text/count-tokens.js';
import { type Sentence, splitSentences } from '../text/split-sentences.js';
import { tokenizeTerms } from '../text/tokenize-terms.js';
import { answerQuestion, type RetrievedSentence } from './answer-question.js';
import { type Classification, classifyText, type LabelCandidate } from './classify-text.js';
import { evaluateArithmetic } from './evaluate-arithmetic.js';
import { extractKeywords } from './extract-keywords.js';
import { findEvidence } from './find-evidence.js';
import { flattenJsonText } from './flatten-json-text.js';
import { parseLabels } from './parse-labels.js';
import { type Conversation, readConversation, stringifyOutput } from './read-conversation.js';
import { splitRequest } from './split-request.js';
import { summarizeSentences } from './summarize-sentences.js';

/** What the engine decided the request asks for. */
export type Intent = 'classify' | 'calculate' | 'answer' | 'summarize' | 'tool-answer' | 'chat';

/** The engine's reading of a request and its answer, shared by text and JSON output. */
export interface Analysis {
  intent: Intent;
  conversation: Conversation;
  /** The text the answer is about (request material, context or tool output). */
  material: string;
  /** Its sentences. */
  sentences: readonly Sentence[];
  /** The question, when one was asked. */
  question: string | undefined;
  /** The classification, when labels were offered. */
  classification: Classification | undefined;
  /** The labels offered, when any. */
  labels: LabelCandidate[] | undefined;
  /** Sentences retrieved for the question. */
  retrieved: RetrievedSentence[];
  /** Sentences chosen for the summary. */
  summary: Sentence[];
  /** True when the summary or answer had to be cut to fit `maxOutputTokens`. */
  truncated: boolean;
  /** The answer as plain text. */
  text: string;
  /** Key phrases of the material. */
  keywords: () => string[];
  /** The computed value, when the request asked for arithmetic. */
  value: number | undefined;
}

const SUMMARIZE =
  /\b(summar(?:y|ies|i[sz]e\w*)|tl;?dr|condense|shorten|recap|digest|overview|key points|main points|highlights|gist|combine|aggregate|synthesi[sz]e|merge|brief(?:ly)?)\b/i;
const FOCUS_NOISE = new Set(
  tokenizeTerms(
    'summarize summary summarise summaries combine aggregate synthesize merge recap condense shorten digest overview ' +
      'key main points highlights gist brief briefly text following below above document documents article passage ' +
      'notes note report sentence sentences bullet bullets paragraph write give provide short concise result results ' +
      'answer question context tool output part parts one two three four five',
  ),
);
const NUMBERS: Record<string, number> = {
  one: 1,
  a: 1,
  single: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};

/** Reads the request and works out the answer (everything except tool calls and JSON shaping). */
export function analyzeRequest(request: ModelRequest, maxTokens: number | undefined): Analysis {
  const conversation = readConversation(request);
  const { request: userText, system } = conversation;
  const split = splitRequest(userText);
  const labelsFound = parseLabels(userText) ?? parseLabels(system);
  const toolMaterial = conversation.toolResults.length > 0 ? toolResultsText(conversation.toolResults) : '';
  const analysis: Analysis = {
    intent: 'chat',
    conversation,
    material: '',
    sentences: [],
    question: split.question,
    classification: undefined,
    labels: undefined,
    retrieved: [],
    summary: [],
    truncated: false,
    text: '',
    keywords: () => [],
    value: undefined,
  };
  let keywordsCache: string[] | undefined;
  analysis.keywords = () => {
    keywordsCache ??= extractKeywords(analysis.material || userText, 8);
    return keywordsCache;
  };

  if (labelsFound) {
    const fromSystem = parseLabels(userText) === null;
    const material = flattenJsonText(fromSystem ? userText : labelsFound.rest || userText);
    analysis.intent = 'classify';
    analysis.labels = labelsFound.labels;
    analysis.material = material;
    analysis.sentences = splitSentences(material);
    analysis.classification = classifyText(material, labelsFound.labels);
    analysis.text = analysis.classification.label;
    return analysis;
  }

  if (conversation.toolResults.length > 0) {
    analysis.intent = 'tool-answer';
    analysis.material = toolMaterial;
    analysis.sentences = splitSentences(toolMaterial);
    const failures = conversation.toolResults.filter((result) => result.isError);
    if (failures.length === conversation.toolResults.length) {
      analysis.text = failures
        .map((result) => `The tool ${result.toolName} failed: ${oneLine(stringifyOutput(result.output))}`)
        .join('\n');
      return analysis;
    }
    if (split.question) answer(analysis, split.question, maxTokens);
    if (analysis.retrieved.length === 0)
      summarize(analysis, split.instruction, maxTokens, conversation.toolResults.length);
    if (!analysis.text) {
      const names = [...new Set(conversation.toolResults.map((result) => result.toolName))].join(', ');
      const raw = oneLine(conversation.toolResults.map((result) => stringifyOutput(result.output)).join(' '));
      analysis.text = raw ? `The tool ${names} returned: ${raw}` : `The tool ${names} returned no content.`;
    }
    return analysis;
  }

  const calculation = calculate(userText);
  if (calculation) {
    analysis.intent = 'calculate';
    analysis.material = userText;
    analysis.sentences = splitSentences(userText);
    analysis.value = calculation.value;
    analysis.text = `${calculation.expression} = ${calculation.value}`;
    return analysis;
  }

  if (split.question && !SUMMARIZE.test(split.instruction)) {
    const withoutQuestion = userText
      .replace(split.question, ' ')
      .replace(/^\s*q(?:uestion)?\s*[:.-]\s*$/gim, '');
    const context = [systemContext(system), ...conversation.history, withoutQuestion].filter((part) =>
      /\S/.test(part),
    );
    const material = flattenJsonText(context.join('\n\n'));
    const sentences = splitSentences(material);
    if (sentences.some((sentence) => !sentence.heading)) {
      analysis.intent = 'answer';
      analysis.material = material;
      analysis.sentences = sentences;
      answer(analysis, split.question, maxTokens);
      if (analysis.retrieved.length === 0) {
        analysis.text = `The given context does not answer: ${split.question}`;
      }
      return analysis;
    }
  }

  const ownMaterial = split.content || (SUMMARIZE.test(split.instruction) ? '' : userText);
  const material = flattenJsonText(
    ownMaterial || [systemContext(system), ...conversation.history].join('\n\n'),
  );
  const sentences = splitSentences(material);
  const asked = SUMMARIZE.test(split.instruction) || SUMMARIZE.test(system);
  if (asked || sentences.filter((sentence) => !sentence.heading).length >= 3) {
    analysis.intent = 'summarize';
    analysis.material = material;
    analysis.sentences = sentences;
    summarize(analysis, split.instruction, maxTokens, 0);
    if (analysis.summary.length > 0) return analysis;
  }

  analysis.intent = 'chat';
  analysis.material = userText;
  analysis.sentences = splitSentences(userText);
  const keywords = extractKeywords(userText, 5);
  analysis.text =
    'I am a local extractive model: I can summarize text, classify it among labels you list, answer questions ' +
    'from context you provide, and call the tools you offer.' +
    (keywords.length ? ` Key terms in your message: ${keywords.join(', ')}.` : '');
  return analysis;
}

function answer(analysis: Analysis, question: string, maxTokens: number | undefined): void {
  analysis.retrieved = answerQuestion(question, analysis.sentences, 2);
  if (analysis.retrieved.length === 0) return;
  const chosen = analysis.retrieved.map((entry) => entry.sentence);
  const ordered = analysis.sentences.filter((sentence) => chosen.includes(sentence));
  analysis.text = fitTokens(cite(ordered, false), maxTokens, analysis);
}

function summarize(
  analysis: Analysis,
  instruction: string,
  maxTokens: number | undefined,
  minimum: number,
): void {
  const wanted = requestedLength(instruction);
  const bullets = /\b(bullets?|bullet points|list|key points|main points|highlights)\b/i.test(instruction);
  const focus = new Set(tokenizeTerms(instruction).filter((term) => !FOCUS_NOISE.has(term)));
  const content = analysis.sentences.filter((sentence) => !sentence.heading);
  const maxSentences = wanted ?? (minimum > 0 && content.length <= 3 ? content.length : undefined);
  const summary = summarizeSentences(analysis.sentences, {
    ...(maxSentences !== undefined ? { maxSentences } : {}),
    ...(maxTokens !== undefined ? { maxTokens } : {}),
    focus,
  });
  analysis.summary = summary.sentences;
  analysis.truncated = summary.truncated;
  analysis.text = fitTokens(cite(summary.sentences, bullets), maxTokens, analysis);
}

/** Joins sentences, citing each run of sentences from one source once: `… [doc-03]`. */
export function cite(sentences: readonly Sentence[], bullets: boolean): string {
  const pieces: string[] = [];
  for (let i = 0; i < sentences.length; i++) {
    const sentence = sentences[i]!;
    const next = sentences[i + 1];
    const closesRun = sentence.source !== undefined && (bullets || next?.source !== sentence.source);
    const cited =
      closesRun && !sentence.text.includes(`[${sentence.source}]`)
        ? `${sentence.text} [${sentence.source}]`
        : sentence.text;
    pieces.push(bullets ? `- ${cited}` : cited);
  }
  return pieces.join(bullets ? '\n' : ' ');
}

function fitTokens(text: string, maxTokens: number | undefined, analysis: Analysis): string {
  if (maxTokens === undefined || countTokens(text) <= maxTokens) return text;
  analysis.truncated = true;
  return truncateToTokens(text, maxTokens);
}

/** Cuts text at a word boundary so that it fits `maxTokens`. */
export function truncateToTokens(text: string, maxTokens: number): string {
  const words = text.split(/(?<=\s)/);
  let out = '';
  for (const word of words) {
    if (countTokens(out + word) > maxTokens) break;
    out += word;
  }
  return out.trimEnd();
}

function requestedLength(instruction: string): number | undefined {
  if (/\btl;?dr\b/i.test(instruction)) return 1;
  const match =
    /\b(one|a|single|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?:short\s+|key\s+|main\s+)?(sentences?|bullets?|bullet points?|points?|lines?)\b/i.exec(
      instruction,
    );
  if (!match) return undefined;
  const word = match[1]!.toLowerCase();
  const value = NUMBERS[word] ?? Number(word);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

const CALCULATE = /\b(what(?:'s| is)|calculate|compute|evaluate|how much is|solve|result of)\b|[=?]\s*$/i;

/** The arithmetic a request asks for (`What is 17 * 23?`), evaluated; undefined when it asks none. */
function calculate(text: string): { expression: string; value: number } | undefined {
  if (text.length > 400 || !CALCULATE.test(text)) return undefined;
  const [expression] = findEvidence(text).expressions;
  if (expression === undefined) return undefined;
  const value = evaluateArithmetic(expression);
  return value === undefined ? undefined : { expression, value };
}

function systemContext(system: string): string {
  // A system prompt is context only when it carries material (source markers or a context block).
  return /^\s*\[[\w.:/#-]+\]|\b(context|documents?|sources?)\s*:/im.test(system) ? system : '';
}

function toolResultsText(results: readonly ToolResultPart[]): string {
  return results
    .filter((result) => !result.isError)
    .map((result) => flattenJsonText(stringifyOutput(result.output)))
    .join('\n\n');
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}
