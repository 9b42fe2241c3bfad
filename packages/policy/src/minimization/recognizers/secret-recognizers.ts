import type { Recognizer, RecognizerMatch } from '../recognizer.js';
import { jwtCheck } from '../validators/jwt.js';
import { charClassCount, looksRandom } from '../validators/shannon-entropy.js';
import { findNearAt, isWordCode } from './text-boundary.js';
import { familyPrefilter, matchesAnyAt, matchesAt, type TriggerFamily, triggerFamily } from './text-scan.js';

const B = '(?<![A-Za-z0-9_-])';
const E = '(?![A-Za-z0-9_-])';

/** Tokens with a documented, distinctive prefix. `validate` rejects placeholders such as `sk-xxxxxxxx…`. */
function keyRecognizer(
  name: string,
  needles: readonly string[],
  source: string,
  score = 0.95,
  minClasses = 2,
): Recognizer {
  return {
    name,
    dataClass: 'secret.api_key',
    score,
    prefilter: needlePrefilter(needles),
    pattern: new RegExp(`${B}${source}${E}`, 'g'),
    validate: (value) => charClassCount(value) >= minClasses && !/(.)\1{7}/.test(value),
  };
}

/**
 * A literal prefilter (any needle occurs, case-sensitive) answered by the one-pass scan
 * instead of a search per text.
 */
function needlePrefilter(needles: readonly string[]): (text: string) => boolean {
  return familyPrefilter(triggerFamily({ anywhere: needles, caseSensitive: true }));
}

const PEM_BEGIN = /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?-----/g;

/** The whole PEM block, BEGIN to END; an unterminated block runs to the end of its base64 body. */
function findPrivateKeys(text: string, out: RecognizerMatch[]): void {
  PEM_BEGIN.lastIndex = 0;
  for (let m = PEM_BEGIN.exec(text); m !== null; m = PEM_BEGIN.exec(text)) {
    const endMarker = `-----END ${m[1] ?? ''}PRIVATE KEY${m[2] ?? ''}-----`;
    const endAt = text.indexOf(endMarker, m.index + m[0].length);
    let end: number;
    if (endAt >= 0) end = endAt + endMarker.length;
    else {
      const body = /^(?:[A-Za-z0-9+/=:\- \t\r\n]|\\n|\\r)*/.exec(text.slice(m.index + m[0].length))!;
      end = m.index + m[0].length + body[0].trimEnd().length;
    }
    out.push({ start: m.index, end });
    PEM_BEGIN.lastIndex = end;
  }
}

/**
 * `scheme://user:password@host`: only the password is the secret. The whole pattern was
 * `\b[A-Za-z][A-Za-z0-9+.-]{1,30}:\/\/` + URL_AFTER_SCHEME, scanned over the whole text; it is
 * now anchored at each `://`: the scheme is found by reading back from it, and the rest
 * (the same for every scheme start before one `://`) is this sticky regex.
 */
const URL_AFTER_SCHEME = /[^\s:/@?#"'<>]{0,128}:([^\s/?#"'<>]{1,256})@[A-Za-z0-9[.-]/y;

function isSchemeCode(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 43 || c === 46 || c === 45
  );
}

/**
 * Where the global scan would start a match ending its scheme at `colon`, at or after `from`:
 * the first letter with a word boundary before it, 2–31 scheme characters before the colon
 * (a scheme cannot hold `:` or `/`, so every match's scheme ends at the first `://` after
 * its start). -1 when there is none.
 */
function schemeStart(text: string, colon: number, from: number): number {
  let first = colon;
  while (first > 0 && colon - first < 31 && isSchemeCode(text.charCodeAt(first - 1))) first--;
  for (let s = Math.max(first, from); s <= colon - 2; s++) {
    const c = text.charCodeAt(s);
    if (((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) && (s === 0 || !isWordCode(text.charCodeAt(s - 1))))
      return s;
  }
  return -1;
}

function findUrlPasswords(text: string, out: RecognizerMatch[]): void {
  let lastIndex = 0; // where the global scan would resume
  for (let colon = text.indexOf('://'); colon >= 0; colon = text.indexOf('://', colon + 1)) {
    if (schemeStart(text, colon, lastIndex) < 0) continue;
    URL_AFTER_SCHEME.lastIndex = colon + 3;
    const m = URL_AFTER_SCHEME.exec(text);
    if (m === null) continue;
    lastIndex = URL_AFTER_SCHEME.lastIndex;
    const password = m[1]!;
    const end = lastIndex - 2; // before "@x"
    const start = end - password.length;
    if (password.startsWith('<') && password.endsWith('>')) continue; // already a placeholder
    out.push({ start, end });
  }
}

const PASSWORD_WORDS =
  'password|passwd|passwort|kennwort|pwd|pass|passphrase|mot de passe|mdp|contraseña|contrasena|clave';
/** `password: x`, `"password": "x"`, `Password=x;` (ADO.NET, JDBC query strings, YAML, env files). */
const PASSWORD_KEYWORD = new RegExp(`(?:${PASSWORD_WORDS})`, 'iy');
/** Every PASSWORD_WORDS alternative starts with one of these. */
const PASSWORD_FAMILY = triggerFamily({
  anywhere: ['pass', 'pwd', 'kennwort', 'mot de passe', 'mdp', 'contraseña', 'contrasena', 'clave'],
});
/** After a password word: an optional suffix (`_hash`, `word`), a separator, an optional quote, the value. */
const PASSWORD_VALUE =
  /[\w-]{0,12}?(?:\\*["'])?[ \t]*(?:[:=]|=>|\s(?:is|ist|est|es)\s)[ \t]*(?:\\*["'])?([^\s"',;&<>\\]{4,128})/y;

function passwordLike(value: string): boolean {
  if (value.startsWith('<') && value.endsWith('>')) return false;
  if (
    /^(?:\*+|x+|\.+|null|none|undefined|true|false|required|optional|string|changeme|\$\{?\w+\}?|%\w+%)$/i.test(
      value,
    )
  )
    return false;
  // A plain dictionary word in prose ("password: please reset") is not a password.
  return charClassCount(value) >= 2 || value.length >= 12;
}

/**
 * Finds a keyword first, then reads the assignment after it with a sticky regex. The keyword
 * regex (sticky) is tried only where the scan saw one of its family's words start.
 */
function findAssignments(
  out: RecognizerMatch[],
  text: string,
  family: TriggerFamily,
  keyword: RegExp,
  value: RegExp,
  accept: (value: string) => string | undefined,
): void {
  matchesAt(text, text, family, keyword, (k) => {
    const after = k.index + k[0].length;
    if (joinsBeforeAsLetter(text, k.index)) return after;
    value.lastIndex = after;
    const m = value.exec(text);
    if (m === null) return after;
    const accepted = accept(m[1]!);
    if (accepted === undefined) return after;
    const start = value.lastIndex - m[1]!.length;
    out.push({ start, end: start + accepted.length });
    return Math.max(after, start + accepted.length);
  });
}

/** A letter right before a keyword makes it part of a longer word (`Zugriffstoken`); `_`, digits and escapes do not. */
function joinsBeforeAsLetter(text: string, index: number): boolean {
  if (index === 0) return false;
  const c = text.charCodeAt(index - 1);
  if (c < 128) {
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    return letter && !((c === 110 || c === 116 || c === 114) && text.charCodeAt(index - 2) === 92);
  }
  return /\p{L}/u.test(text[index - 1]!);
}

function findPasswordAssignments(text: string, out: RecognizerMatch[]): void {
  findAssignments(out, text, PASSWORD_FAMILY, PASSWORD_KEYWORD, PASSWORD_VALUE, (value) =>
    passwordLike(value) ? value : undefined,
  );
}

const TOKEN_WORDS =
  'api[_-]?key|apikey|api[_-]?token|access[_-]?key|secret[_-]?key|secret|client[_-]?secret|token|access[_-]?token|refresh[_-]?token|auth[_-]?token|auth|authorization|bearer|credential|credentials|private[_-]?key|signing[_-]?key|webhook[_-]?secret|session[_-]?id|cookie|x-api-key|accountkey|sharedaccesskey|subscription-key|schlüssel|clé|clave';
const TOKEN_KEYWORD = new RegExp(`(?:${TOKEN_WORDS})`, 'iy');
/** Every TOKEN_WORDS alternative starts with one of these. */
const TOKEN_FAMILY = triggerFamily({
  anywhere: [
    'api',
    'access',
    'secret',
    'client',
    'token',
    'refresh',
    'auth',
    'bearer',
    'credential',
    'private',
    'signing',
    'webhook',
    'session',
    'cookie',
    'x-api-key',
    'accountkey',
    'sharedaccesskey',
    'subscription-key',
    'schlüssel',
    'clé',
    'clave',
  ],
});
/** After a key/secret/token word: suffix, separator (or just a space), optional quote or scheme, the value. */
const TOKEN_VALUE =
  /[\w.-]{0,40}?(?:\\*["')\]]){0,2}[ \t]*(?:[:=]|=>|\s(?:is|ist|est|es)\s|\s)[ \t]*(?:\\*["']|Bearer\s+|Basic\s+|Token\s+)?([A-Za-z0-9_\-+/=.~]{16,512})/y;

/** `YOUR_API_KEY_HERE`, `user-profile-cache-v2`: words joined by separators, not a random token. */
const IDENTIFIER_SHAPE = /^(?:[a-z]{2,}|[A-Z]{2,})(?:[_.-](?:[a-z]+|[A-Z]+)\d*)+$/;

function findTokens(text: string, out: RecognizerMatch[]): void {
  findAssignments(out, text, TOKEN_FAMILY, TOKEN_KEYWORD, TOKEN_VALUE, (raw) => {
    let end = raw.length;
    while (end > 0 && raw.charCodeAt(end - 1) === 46) end--;
    const value = raw.slice(0, end); // without trailing dots
    return !looksRandom(value) || /^\d+$/.test(value) || IDENTIFIER_SHAPE.test(value) ? undefined : value;
  });
}

/** 40 base64 characters near AWS words: the secret access key. */
const AWS_SECRET = /(?<![A-Za-z0-9/+_-])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=_-])/g;

const AWS_WORDS = /aws|amazon|secret_access|secretaccess|secret access|secret/iy;
/** Every AWS_WORDS alternative starts with one of these. */
const AWS_FAMILY = triggerFamily({ anywhere: ['aws', 'amazon', 'secret'] });
const awsSecretShape = (value: string): boolean =>
  /[a-z]/.test(value) && /[A-Z]/.test(value) && /[0-9]/.test(value) && looksRandom(value, 40);

/** 40-character AWS secrets within 96 characters after an AWS/secret word. */
function findAwsSecrets(text: string, out: RecognizerMatch[]): void {
  // awsSecretShape accepts only values holding a digit.
  findNearAt(
    text,
    AWS_FAMILY,
    AWS_WORDS,
    AWS_SECRET,
    96,
    awsSecretShape,
    (start, end) => out.push({ start, end }),
    true,
  );
}

/** A JWT from its `ey` on (the lookbehind `(?<![A-Za-z0-9_-])` is checked by `findJwts`). */
const JWT_AT = /ey[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*(?![A-Za-z0-9_-])/y;

/**
 * The matches of a global scan of `(?<![A-Za-z0-9_-])` + JWT_AT, tried only where `ey` occurs
 * (found by `indexOf`, not by the regex engine stepping through every position).
 */
function findJwts(text: string, out: RecognizerMatch[]): void {
  for (let at = text.indexOf('ey'); at >= 0; ) {
    if (at > 0 && isTokenCode(text.charCodeAt(at - 1))) {
      at = text.indexOf('ey', at + 1);
      continue;
    }
    JWT_AT.lastIndex = at;
    if (JWT_AT.test(text)) {
      out.push({ start: at, end: JWT_AT.lastIndex });
      at = text.indexOf('ey', JWT_AT.lastIndex);
    } else at = text.indexOf('ey', at + 1);
  }
}

/** `[A-Za-z0-9_-]` */
function isTokenCode(c: number): boolean {
  return isWordCode(c) || c === 45;
}

const TWILIO = /twilio/iy;
const TWILIO_FAMILY = triggerFamily({ anywhere: ['twilio'] });

/** The built-in secret recognizers. */
export const secretRecognizers: readonly Recognizer[] = [
  // @see https://platform.openai.com/docs/api-reference/authentication (sk-, sk-proj-, sk-svcacct-, sk-admin-)
  keyRecognizer(
    'openai-api-key',
    ['sk-'],
    'sk-(?!ant-)(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{20,200}',
  ),
  // @see https://docs.anthropic.com/en/api/overview#authentication (sk-ant-api03-…, sk-ant-admin01-…)
  keyRecognizer('anthropic-api-key', ['sk-ant-'], 'sk-ant-[a-z]{2,8}\\d{0,3}-[A-Za-z0-9_-]{24,200}', 0.98),
  // @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids
  keyRecognizer(
    'aws-access-key-id',
    ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'AGPA', 'AIDA', 'AROA', 'AIPA', 'ANPA', 'ANVA', 'APKA'],
    '(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z2-7]{16}',
    0.95,
    1,
  ),
  {
    name: 'aws-secret-access-key',
    dataClass: 'secret.api_key',
    score: 0.9,
    prefilter: familyPrefilter(AWS_FAMILY),
    find: findAwsSecrets,
    requireContext: true,
    contextWindow: 96,
    context: [
      'aws',
      'amazon',
      'secret_access_key',
      'secretaccesskey',
      'aws_secret',
      'secret access key',
      'secret',
    ],
  },
  // @see https://cloud.google.com/docs/authentication/api-keys
  keyRecognizer('google-api-key', ['AIza'], 'AIza[0-9A-Za-z_-]{35}'),
  // @see https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/
  keyRecognizer('github-token', ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'], 'gh[pousr]_[A-Za-z0-9]{36,251}'),
  keyRecognizer('github-fine-grained-token', ['github_pat_'], 'github_pat_[A-Za-z0-9_]{22,255}'),
  keyRecognizer('gitlab-token', ['glpat-', 'gldt-', 'glrt-'], 'gl(?:pat|dt|rt)-[A-Za-z0-9_-]{20,64}'),
  // @see https://api.slack.com/authentication/token-types
  keyRecognizer('slack-token', ['xox', 'xapp-'], '(?:xox[abposre]|xapp)-(?:\\d+-)?[A-Za-z0-9-]{10,250}'),
  {
    name: 'slack-webhook',
    dataClass: 'secret.api_key',
    score: 0.95,
    prefilter: needlePrefilter(['hooks.slack.com']),
    pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/-]{20,200}/g,
  },
  // @see https://docs.stripe.com/keys
  keyRecognizer(
    'stripe-key',
    ['_live_', '_test_', 'whsec_'],
    '(?:(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,247}|whsec_[A-Za-z0-9]{24,64})',
  ),
  // @see https://www.twilio.com/docs/iam/api-keys (SK… key SIDs); auth tokens are caught as tokens near "twilio"/"token".
  keyRecognizer('twilio-api-key', ['SK'], 'SK[0-9a-fA-F]{32}', 0.85),
  // @see https://www.twilio.com/docs/iam/api-keys/keys-in-console
  {
    name: 'twilio-auth-token',
    dataClass: 'secret.api_key',
    score: 0.85,
    prefilter: (text) => matchesAnyAt(text, text, TWILIO_FAMILY, TWILIO),
    pattern: /(?<![A-Za-z0-9])[0-9a-f]{32}(?![A-Za-z0-9])/g,
    requireContext: true,
    contextWindow: 96,
    context: ['twilio', 'auth token', 'auth_token', 'authtoken'],
  },
  // @see https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys
  keyRecognizer('sendgrid-api-key', ['SG.'], 'SG\\.[A-Za-z0-9_-]{16,32}\\.[A-Za-z0-9_-]{16,64}'),
  // @see https://docs.npmjs.com/about-access-tokens
  keyRecognizer('npm-token', ['npm_'], 'npm_[A-Za-z0-9]{36}'),
  keyRecognizer('huggingface-token', ['hf_'], 'hf_[A-Za-z]{34}'),
  keyRecognizer('pypi-token', ['pypi-'], 'pypi-AgE[A-Za-z0-9_-]{50,}'),
  keyRecognizer('digitalocean-token', ['dop_v1_', 'doo_v1_'], 'do[op]_v1_[a-f0-9]{64}'),
  keyRecognizer(
    'shopify-token',
    ['shpat_', 'shpss_', 'shpca_', 'shppa_'],
    'shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}',
  ),
  keyRecognizer('mailgun-key', ['key-'], 'key-[0-9a-f]{32}', 0.8),
  {
    name: 'jwt',
    dataClass: 'secret.jwt',
    score: 0.95,
    prefilter: needlePrefilter(['eyJ', 'eyA', 'ewo']),
    find: findJwts,
    validate: jwtCheck,
  },
  {
    name: 'private-key',
    dataClass: 'secret.private_key',
    score: 1,
    prefilter: needlePrefilter(['PRIVATE KEY']),
    find: findPrivateKeys,
  },
  {
    name: 'url-password',
    dataClass: 'secret.password',
    score: 0.98,
    prefilter: needlePrefilter(['://']),
    find: findUrlPasswords,
  },
  {
    name: 'password-assignment',
    dataClass: 'secret.password',
    score: 0.85,
    prefilter: familyPrefilter(PASSWORD_FAMILY),
    find: findPasswordAssignments,
  },
  {
    name: 'keyword-token',
    dataClass: 'secret.token',
    score: 0.8,
    prefilter: familyPrefilter(TOKEN_FAMILY),
    find: findTokens,
  },
];
