/** Values found in a request that tool arguments and structured output can be filled from. */
export interface Evidence {
  quoted: string[];
  urls: string[];
  emails: string[];
  paths: string[];
  ids: string[];
  dates: string[];
  numbers: number[];
  /** Arithmetic expressions such as `17 * 23` or `(2 + 3) / 4`. */
  expressions: string[];
  /** Capitalized names after `in/at/for/from/near/about` (places, people, products). */
  names: string[];
}

const QUOTED =
  /"([^"\n]{1,500})"|“([^”\n]{1,500})”|«([^»\n]{1,500})»|`([^`\n]{1,500})`|(?<![\p{L}\p{N}])'([^'\n]{2,500})'(?![\p{L}\p{N}])/gu;
const URL = /\bhttps?:\/\/[^\s<>"'`)\]]+[^\s<>"'`)\].,;:!?]/g;
const EMAIL = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g;
const PATH =
  /(?:^|[\s("'`])((?:~|\.{1,2})?\/?(?:[\w.-]+\/)+[\w.-]+|[\w-]+\.(?:md|txt|json|jsonl|csv|tsv|ts|tsx|js|mjs|py|rb|go|rs|java|pdf|docx?|xlsx?|ya?ml|toml|html?|log|xml|png|jpe?g|sql))(?=$|[\s)"'`,;:!?]|\.(?:\s|$))/gim;
const ID = /(?<![\w/.@-])(#\d+|[A-Za-z]{1,12}[-_#]?\d[\w-]*|\d+[-_][A-Za-z][\w-]*)(?![\w/@]|\.\w)/g;
const DATE = /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b/g;
const NUMBER = /(?<![\w.#/-])-?\d+(?:[.,]\d+)?(?![\w-]|\.\d)/g;
const NAME =
  /\b(?:in|at|for|from|near|about|to|of|called|named)\s+((?:\p{Lu}[\p{L}'’.-]*)(?:\s+(?:de|da|van|von|del|la|le)?\s*\p{Lu}[\p{L}'’.-]*)*)/gu;

const EXPRESSION = /[-(]*\d+(?:\.\d+)?\)*(?:\s*(?:[-+*/^%×÷x]|\*\*)\s*[-(]*\d+(?:\.\d+)?\)*)+/g;
const cache = new Map<string, Evidence>();

/** Scans text for quoted strings, URLs, e-mails, paths, ids, dates, numbers and names. Cached per string. */
export function findEvidence(text: string): Evidence {
  const hit = cache.get(text);
  if (hit) return hit;
  const quoted = [...text.matchAll(QUOTED)]
    .map((m) => (m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5]!).trim())
    .filter(Boolean);
  const urls = unique([...text.matchAll(URL)].map((m) => m[0]));
  const emails = unique([...text.matchAll(EMAIL)].map((m) => m[0]));
  const withoutUrls = text.replace(URL, ' ').replace(EMAIL, ' ');
  const paths = unique([...withoutUrls.matchAll(PATH)].map((m) => m[1]!.replace(/\.+$/, '')));
  const dates = unique([...withoutUrls.matchAll(DATE)].map((m) => m[0]));
  const plain = withoutUrls.replace(DATE, ' ');
  const ids = unique(
    [...plain.matchAll(ID)]
      .map((m) => m[1]!.replace(/^#/, ''))
      .filter((id) => !paths.some((path) => path.includes(id))),
  );
  const numbers = [...plain.replace(ID, ' ').matchAll(NUMBER)].map((m) => Number(m[0].replace(',', '.')));
  const names = unique([...text.matchAll(NAME)].map((m) => m[1]!.replace(/[.’']+$/, '')));
  const expressions = unique(
    [...plain.matchAll(EXPRESSION)].map((m) => m[0].trim()).filter((e) => /\d\s*\D+\s*\d/.test(e)),
  );
  const evidence: Evidence = {
    quoted: unique(quoted),
    urls,
    emails,
    paths,
    ids,
    dates,
    numbers,
    expressions,
    names,
  };
  if (cache.size > 2048) cache.clear();
  cache.set(text, evidence);
  return evidence;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
