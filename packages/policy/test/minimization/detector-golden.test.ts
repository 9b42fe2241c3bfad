/**
 * Golden test: the detector's findings on the corpus and on a few thousand derived texts that
 * stress positions and boundaries (concatenations, case changes, slices, JSON escaping,
 * punctuation and letters around values, Unicode whose lower case changes length), at the
 * default score bar and with every candidate kept (`minScore: 0`). The fixture was recorded
 * from the detector before its single-pass rewrite; any change in what it finds fails here.
 *
 * Regenerate (only for a reviewed, intended change): UPDATE_GOLDEN=1 pnpm vitest run --project policy detector-golden
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createDetector, type Finding } from '../../src/minimization/index.js';

interface Label {
  start: number;
  end: number;
}
interface Sample {
  text: string;
  labels?: Label[];
}

const read = (name: string): Sample[] =>
  readFileSync(fileURLToPath(new URL(`../__fixtures__/corpus/${name}`, import.meta.url)), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Sample);

/** mulberry32: a small deterministic PRNG, so the derived texts are the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEPARATORS = [' ', '\n', '', '. ', ', ', '\t', '\\n', '"', '|', ';', ': ', '\r\n', '\u00a0', ' — '];
const AROUND = [
  '',
  ' ',
  '(',
  ')',
  '"',
  "'",
  '<',
  '>',
  '[',
  ']',
  '.',
  ',',
  ':',
  ';',
  '-',
  '_',
  '/',
  'x',
  'Q',
  '1',
  '0.',
  '\\n',
  '\\"',
  '\n',
  '\t',
  '=',
  '@',
  '#',
  '+',
  'é',
  '\u00a0',
  ' at ',
  '.5',
];

/** The corpus texts, then derived texts; deterministic for a given corpus. */
export function goldenTexts(): string[] {
  const samples = [...read('labelled.jsonl'), ...read('clean.jsonl')];
  const labelled = samples.filter((s) => s.labels && s.labels.length > 0);
  const random = prng(0x5eed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const anyText = () => pick(samples).text;
  const out = samples.map((s) => s.text);

  // Pairs joined by separators: values next to the seam, triggers from one text before values of the next.
  for (let i = 0; i < 700; i++) out.push(anyText() + pick(SEPARATORS) + anyText());
  // Case changes.
  for (let i = 0; i < 300; i++) out.push(anyText().toUpperCase());
  for (let i = 0; i < 300; i++) out.push(anyText().toLowerCase());
  // Slices at random offsets, also across a seam of three texts.
  for (let i = 0; i < 400; i++) {
    const text = anyText();
    const a = int(text.length);
    out.push(text.slice(a, a + 1 + int(text.length - a)));
  }
  for (let i = 0; i < 300; i++) {
    const text = anyText() + pick(SEPARATORS) + anyText() + pick(SEPARATORS) + anyText();
    const a = int(text.length);
    out.push(text.slice(a, a + 1 + int(text.length - a)));
  }
  // JSON-escaped: a string, and a request body with several messages.
  for (let i = 0; i < 300; i++) out.push(JSON.stringify(anyText()));
  for (let i = 0; i < 200; i++)
    out.push(
      JSON.stringify({
        messages: [
          { role: 'user', content: anyText() },
          { role: 'assistant', content: [{ type: 'text', text: anyText() }] },
        ],
      }),
    );
  // Labelled values alone and in place, with punctuation, letters or digits around them.
  for (let i = 0; i < 700; i++) {
    const sample = pick(labelled);
    const label = pick(sample.labels!);
    const value = sample.text.slice(label.start, label.end);
    const before = pick(AROUND);
    const after = pick(AROUND);
    out.push(
      i % 2 === 0
        ? before + value + after
        : sample.text.slice(0, label.start) + before + value + after + sample.text.slice(label.end),
    );
  }
  // Windows around labels: context words and triggers cut at every distance.
  for (let i = 0; i < 500; i++) {
    const sample = pick(labelled);
    const label = pick(sample.labels!);
    out.push(sample.text.slice(Math.max(0, label.start - int(60)), label.end + int(40)));
  }
  // Unicode: lower case that changes length (İ), astral characters, accented letters before values.
  const UNICODE = ['İ', 'İİ ', '👩‍💻 ', 'Ä', 'ß', 'é', '\u2028', 'ǅ'];
  for (let i = 0; i < 300; i++) {
    const text = anyText();
    const at = int(text.length + 1);
    out.push(text.slice(0, at) + pick(UNICODE) + text.slice(at));
  }
  // Whitespace variants: spaces replaced by newlines, tabs, no-break spaces, double spaces.
  const SPACES = ['\n', '\t', '\u00a0', '  ', '\u2009', '\u202f', ' \n '];
  for (let i = 0; i < 300; i++) {
    const space = pick(SPACES);
    out.push(anyText().replace(/ /g, (s) => (random() < 0.3 ? space : s)));
  }
  // Values of recognizers the corpus has few of, built from random characters, inside corpus text.
  const chars = (alphabet: string, n: number) =>
    Array.from({ length: n }, () => pick([...alphabet])).join('');
  const HEX = '0123456789abcdef';
  const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const synthetic = [
    () => `twilio auth token ${chars(HEX, 32)}`,
    () => `TWILIO_AUTH_TOKEN=${chars(HEX, 32 + int(3) - 1)}`,
    () => `SK${chars(HEX + 'ABCDEF', 32)}`,
    () => `key-${chars(HEX, 32)}`,
    () => `pypi-AgE${chars(`${ALNUM}_-`, 50 + int(30))}`,
    () => `do${pick(['o', 'p'])}_v1_${chars(HEX, 64)}`,
    () => `shp${pick(['at', 'ss', 'ca', 'pa'])}_${chars(HEX, 32)}`,
    () => `${pick(['AKIA', 'ASIA', 'AROA', 'AIDA'])}${chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
    () => `sk-${chars(`${ALNUM}_-`, 18 + int(30))}`,
    () => `sk-ant-api0${int(9)}-${chars(`${ALNUM}_-`, 20 + int(40))}`,
    () => `xox${pick([...'abposre'])}-${int(1e9)}-${chars(`${ALNUM}-`, 8 + int(30))}`,
    () => `gh${pick([...'pousr'])}_${chars(ALNUM, 34 + int(6))}`,
    () => `AIza${chars(`${ALNUM}_-`, 34 + int(3))}`,
    () => `${pick(['sk', 'rk', 'pk'])}_${pick(['live', 'test'])}_${chars(ALNUM, 14 + int(20))}`,
    () => `aws secret ${chars(`${ALNUM}/+`, 39 + int(3))}`,
    () =>
      `${pick(['password', 'Passwort', 'pwd', 'clave', 'mot de passe'])}${pick([': ', '=', ' is ', '": "'])}${chars(`${ALNUM}!$%`, 3 + int(14))}`,
    () =>
      `${pick(['api_key', 'token', 'Secret', 'Bearer', 'auth', 'clé'])}${pick([': ', '=', ' ', '": "'])}${chars(`${ALNUM}_-.`, 12 + int(30))}`,
    () =>
      `-----BEGIN ${pick(['', 'RSA ', 'EC ', 'OPENSSH '])}PRIVATE KEY-----\\n${chars(ALNUM, 40)}\\n${pick(['-----END RSA PRIVATE KEY-----', '', '"'])}`,
  ];
  for (let i = 0; i < 600; i++) {
    const text = anyText();
    const at = int(text.length + 1);
    out.push(text.slice(0, at) + pick(AROUND) + pick(synthetic)() + pick(AROUND) + text.slice(at));
  }
  return out;
}

/** Hash of the text, findings, and (only when they differ) the findings with every candidate kept. */
type Row = [hash: string, findings: (string | number)[][], all?: (string | number)[][]];

const compact = (findings: readonly Finding[]) =>
  findings.map((f) => [f.start, f.end, f.recognizer, f.score]);
const hashOf = (text: string) => createHash('sha1').update(text).digest('hex').slice(0, 10);

const fixturePath = fileURLToPath(new URL('../__fixtures__/detector-golden.jsonl', import.meta.url));

describe('detector golden findings', () => {
  const texts = goldenTexts();
  const detector = createDetector();
  const everything = createDetector({ minScore: 0 });
  const rows: Row[] = texts.map((text) => {
    const findings = compact(detector.detect(text));
    const all = compact(everything.detect(text));
    return JSON.stringify(all) === JSON.stringify(findings)
      ? [hashOf(text), findings]
      : [hashOf(text), findings, all];
  });

  if (process.env.UPDATE_GOLDEN === '1')
    writeFileSync(fixturePath, `${rows.map((row) => JSON.stringify(row)).join('\n')}\n`);

  it('has a recorded fixture for the same derived texts', () => {
    expect(existsSync(fixturePath)).toBe(true);
    const golden = readFileSync(fixturePath, 'utf8').trim().split('\n');
    expect(golden.length).toBe(texts.length);
    expect(rows.filter((row, i) => row[0] !== (JSON.parse(golden[i]!) as Row)[0])).toEqual([]);
  });

  it('finds exactly what the recorded detector found', () => {
    const golden = readFileSync(fixturePath, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Row);
    const differences: unknown[] = [];
    rows.forEach((row, i) => {
      const expected = golden[i]!;
      if (JSON.stringify(row) !== JSON.stringify(expected))
        differences.push({ index: i, text: texts[i]!.slice(0, 300), expected, actual: row });
    });
    expect(differences.slice(0, 5)).toEqual([]);
    expect(differences.length).toBe(0);
  });
});
