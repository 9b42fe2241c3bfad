/**
 * Generates the labelled minimization corpus (seeded, reproducible):
 *   node --conditions=@baton/source --import tsx scripts/generate-corpus.ts
 * Values are built by rule (Luhn check digits, mod-97 IBAN check digits, SSA-valid SSNs,
 * libphonenumber-valid numbers, JWTs with real JSON headers), placed into varied
 * templates in English, German, French, Spanish, Italian and Dutch. Clean texts are
 * full of look-alikes that must NOT be redacted.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CountryCode, getExampleNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { IBAN_LENGTHS, ibanCheckDigits, luhnCheck } from '../src/minimization/index.js';

let seed = 0x5eed_2026;
function random(): number {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const chars = (alphabet: string, n: number) =>
  Array.from({ length: n }, () => alphabet[int(0, alphabet.length - 1)]).join('');
const DIGITS = '0123456789';
const HEX = '0123456789abcdef';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64URL = `${ALNUM}_-`;
const B64 = `${ALNUM}+/`;
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const b64url = (s: string) => Buffer.from(s).toString('base64url');

type Lang = 'en' | 'de' | 'fr' | 'es' | 'it' | 'nl';
interface Seeded {
  dataClass: string;
  value: string;
  /** Text before the value (context words, language-specific). */
  lead: Partial<Record<Lang, string[]>>;
}

const FIRST = [
  'John',
  'Maria',
  'Lukas',
  'Sophie',
  'Carlos',
  'Amélie',
  'Giulia',
  'Jan',
  'Aisha',
  'Wei',
  'Olga',
  'Pierre',
  'Lucía',
  'Mehmet',
  'Emma',
  'Noah',
  'Fatima',
  'Hiroshi',
  'Ingrid',
  'Tomás',
];
const LAST = [
  'Smith',
  'Müller',
  'Dupont',
  'García',
  'Rossi',
  'de Vries',
  'Khan',
  'Nguyen',
  'Schneider',
  'Martin',
  'López',
  'Bianchi',
  'Jansen',
  'Kowalski',
  'Okafor',
  'Andersson',
  'Fernández',
  'Lefèvre',
  'Weber',
  'Brown',
];
const DOMAINS = [
  'example.com',
  'mail.de',
  'acme-corp.io',
  'uni-heidelberg.de',
  'orange.fr',
  'correo.es',
  'libero.it',
  'ziggo.nl',
  'company.co.uk',
  'gmail.com',
  'protonmail.ch',
  'startup.ai',
];
const ascii = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/\s+/g, '')
    .toLowerCase();

function email(): Seeded & { wrap?: (v: string) => string } {
  const f = ascii(pick(FIRST));
  const l = ascii(pick(LAST));
  const local = pick([
    `${f}.${l}`,
    `${f[0]}${l}`,
    `${f}_${l}${int(1, 99)}`,
    `${f}+invoices`,
    `${l}.${f}`,
    `${f}${int(1970, 2005)}`,
  ]);
  const domain = pick(DOMAINS);
  const [name, ...rest] = domain.split('.');
  const value = pick([
    `${local}@${domain}`,
    `${local}@${domain}`,
    `${local}@${domain}`,
    `${local.toUpperCase()}@${domain.toUpperCase()}`,
    `${local} at ${name} dot ${rest.join(' dot ')}`,
    `${local} [at] ${name} [dot] ${rest.join(' [dot] ')}`,
    `${local}(at)${domain}`,
    `${local} (at) ${name} (dot) ${rest.join(' (dot) ')}`,
  ]);
  const angle = random() < 0.2 && !value.includes(' ');
  const mailto = random() < 0.5;
  return {
    dataClass: 'pii.email',
    value,
    ...(angle
      ? {
          wrap: (v: string) =>
            mailto ? `<a href="mailto:${v}">write us</a>` : `${pick(FIRST)} ${pick(LAST)} <${v}>`,
        }
      : {}),
    lead: {
      en: ['Please reply to', 'Email:', 'You can reach me at', 'cc', 'Contact:'],
      de: ['Bitte antworten Sie an', 'E-Mail:', 'Schreib mir an', 'Kontakt:'],
      fr: ['Écrivez-moi à', 'Courriel :', 'Mon adresse e-mail est', 'Contact :'],
      es: ['Escríbeme a', 'Correo:', 'Mi correo es', 'Contacto:'],
      it: ['Scrivimi a', 'Email:'],
      nl: ['Mail naar', 'E-mail:'],
    },
  };
}

const PHONE_REGIONS: CountryCode[] = [
  'US',
  'GB',
  'DE',
  'FR',
  'ES',
  'IT',
  'NL',
  'CH',
  'AT',
  'BE',
  'CA',
  'AU',
  'SE',
  'PL',
  'BR',
  'IN',
  'JP',
  'MX',
];
function phone(): Seeded {
  for (;;) {
    const region = pick(PHONE_REGIONS);
    const example = getExampleNumber(region, examples);
    if (!example) continue;
    const national = example.nationalNumber as string;
    const mutated =
      national.slice(0, Math.max(3, national.length - 4)) + chars(DIGITS, Math.min(4, national.length - 3));
    const parsed = parsePhoneNumberFromString(mutated, region);
    if (!parsed?.isValid()) continue;
    const format = int(0, 3);
    const value =
      format === 0
        ? parsed.formatInternational()
        : format === 1
          ? (parsed.number as string)
          : format === 2
            ? parsed.formatInternational().replace(/^\+/, '00')
            : parsed.formatNational();
    // National formats only ever appear after a phone word (that is how people write them).
    const lead: Seeded['lead'] = {
      en: ['Call me on', 'Phone:', 'Mobile:', 'Tel.', 'my cell is'],
      de: ['Telefon:', 'Ruf mich an unter', 'Handy:', 'Tel.:'],
      fr: ['Téléphone :', 'Appelez-moi au', 'Portable :', 'Tél. :'],
      es: ['Teléfono:', 'Llámame al', 'Móvil:'],
      it: ['Telefono:', 'Chiamami al'],
      nl: ['Telefoon:', 'Bel me op'],
    };
    return { dataClass: 'pii.phone', value, lead };
  }
}

const CARD_PREFIXES: [string, number][] = [
  ['4', 16],
  ['4', 16],
  ['4', 13],
  ['51', 16],
  ['55', 16],
  ['2221', 16],
  ['2720', 16],
  ['34', 15],
  ['37', 15],
  ['6011', 16],
  ['65', 16],
  ['644', 16],
  ['3528', 16],
  ['3589', 16],
  ['36', 14],
  ['62', 16],
  ['62', 19],
  ['4', 19],
];
export function cardNumber(prefix: string, length: number): string {
  const body = prefix + chars(DIGITS, length - prefix.length - 1);
  for (let d = 0; d < 10; d++) if (luhnCheck(body + d)) return body + d;
  throw new Error('unreachable');
}
function card(): Seeded {
  const [prefix, length] = pick(CARD_PREFIXES);
  const n = cardNumber(prefix, length);
  const groups =
    length === 15 ? [n.slice(0, 4), n.slice(4, 10), n.slice(10)] : (n.match(/.{1,4}/g) as string[]);
  const value = pick([n, groups.join(' '), groups.join('-'), groups.join(' ')]);
  return {
    dataClass: 'pii.card',
    value,
    lead: {
      en: ['Card number:', 'charge my card', 'Visa', 'use the card ending in nothing, full number', 'CC:'],
      de: ['Kartennummer:', 'Kreditkarte', 'bitte belasten Sie'],
      fr: ['Numéro de carte :', 'ma carte bancaire', 'CB'],
      es: ['Número de tarjeta:', 'mi tarjeta', 'tarjeta de crédito'],
      it: ['Carta di credito:', 'numero carta'],
      nl: ['Kaartnummer:', 'creditcard'],
    },
  };
}

const IBAN_LETTER_BANKS: Record<string, number> = {
  GB: 4,
  NL: 4,
  IE: 4,
  BG: 4,
  MT: 4,
  RO: 4,
  LV: 4,
  GI: 4,
  CY: 0,
  KW: 4,
  QA: 4,
  JO: 4,
  AE: 0,
  PK: 4,
  BH: 4,
  IT: 1,
  SM: 1,
};
function ibanValue(country: string): string {
  const length = IBAN_LENGTHS[country]!;
  const letters = IBAN_LETTER_BANKS[country] ?? 0;
  const bban = chars(UPPER, letters) + chars(DIGITS, length - 4 - letters);
  return `${country}${ibanCheckDigits(country, bban)}${bban}`;
}
function iban(): Seeded {
  const country = pick(Object.keys(IBAN_LENGTHS));
  const compact = ibanValue(country);
  const value = pick([
    compact,
    compact.replace(/(.{4})(?=.)/g, '$1 '),
    compact.replace(/(.{4})(?=.)/g, '$1 '),
  ]);
  return {
    dataClass: 'pii.iban',
    value,
    lead: {
      en: ['IBAN:', 'please transfer to account', 'Bank account (IBAN)'],
      de: ['IBAN:', 'Bitte überweisen Sie auf', 'Kontoverbindung:'],
      fr: ['IBAN :', 'virement sur le compte', 'RIB / IBAN'],
      es: ['IBAN:', 'transferencia a la cuenta', 'Cuenta bancaria:'],
      it: ['IBAN:', 'bonifico su'],
      nl: ['IBAN:', 'overmaken naar'],
    },
  };
}

function ssn(): Seeded {
  let area: number;
  do area = int(1, 899);
  while (area === 666);
  const a = String(area).padStart(3, '0');
  const g = String(int(1, 99)).padStart(2, '0');
  const s = String(int(1, 9999)).padStart(4, '0');
  const format = int(0, 5);
  const value = format <= 3 ? `${a}-${g}-${s}` : format === 4 ? `${a} ${g} ${s}` : `${a}${g}${s}`;
  return {
    dataClass: 'pii.ssn',
    value,
    lead: {
      en: ['SSN:', 'Social Security Number', 'my social security number is', 'SSN#'],
      de: ['US-Sozialversicherungsnummer (SSN):'],
      fr: ['numéro de sécurité sociale américain (SSN) :'],
      es: ['número de seguro social (SSN):'],
    },
  };
}

function ip(): Seeded {
  const value =
    random() < 0.6
      ? `${int(1, 223)}.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`
      : pick([
          `2001:db8:${chars(HEX, 4)}:${chars(HEX, 3)}::${chars(HEX, 2)}`,
          `fe80::${chars(HEX, 4)}:${chars(HEX, 4)}:${chars(HEX, 4)}:${chars(HEX, 4)}`,
          `2a02:${chars(HEX, 4)}:${chars(HEX, 4)}:${chars(HEX, 4)}:${chars(HEX, 4)}:${chars(HEX, 4)}:${chars(HEX, 4)}:${chars(HEX, 4)}`,
        ]);
  return {
    dataClass: 'pii.ip',
    value,
    lead: {
      en: ['Login from IP', 'client address', 'the server at', 'connection from'],
      de: ['Anmeldung von IP', 'Client-Adresse'],
      fr: ['connexion depuis l’adresse IP', 'adresse IP'],
      es: ['acceso desde la IP', 'dirección IP'],
    },
  };
}

const MONTHS: Record<string, string[]> = {
  en: ['January', 'March', 'July', 'October', 'December'],
  de: ['Januar', 'März', 'Juli', 'Oktober', 'Dezember'],
  fr: ['janvier', 'mars', 'juillet', 'octobre', 'décembre'],
  es: ['enero', 'marzo', 'julio', 'octubre', 'diciembre'],
};
function dob(): Seeded & { lang: Lang } {
  const lang = pick(['en', 'de', 'fr', 'es'] as const);
  const y = int(1940, 2008);
  const m = int(1, 12);
  const d = int(1, 28);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const month = pick(MONTHS[lang]!);
  const value = pick(
    lang === 'en'
      ? [`${y}-${p2(m)}-${p2(d)}`, `${p2(m)}/${p2(d)}/${y}`, `${month} ${d}, ${y}`, `${d} ${month} ${y}`]
      : lang === 'de'
        ? [`${p2(d)}.${p2(m)}.${y}`, `${d}. ${month} ${y}`]
        : lang === 'fr'
          ? [`${p2(d)}/${p2(m)}/${y}`, `${d} ${month} ${y}`]
          : [`${p2(d)}/${p2(m)}/${y}`, `${d} de ${month} de ${y}`],
  );
  return {
    lang,
    dataClass: 'pii.dob',
    value,
    lead: {
      en: ['Date of birth:', 'DOB:', 'born on', 'was born'],
      de: ['Geburtsdatum:', 'geboren am', 'geb.'],
      fr: ['Date de naissance :', 'né le', 'née le'],
      es: ['Fecha de nacimiento:', 'nacido el', 'nacida el'],
    },
  };
}

function address(): Seeded & { lang: Lang } {
  const lang = pick(['en', 'de', 'fr', 'es'] as const);
  const value =
    lang === 'en'
      ? pick([
          `${int(1, 9999)} ${pick(['Oak', 'Maple', 'Baker', 'Sunset', 'Elm', 'Lincoln', 'Park'])} ${pick(['Street', 'Avenue', 'Road', 'Lane', 'Drive', 'Blvd', 'St.'])}`,
          `${int(1, 999)} ${pick(['North', 'West', 'Cherry', 'Mill'])} ${pick(['Street', 'Road'])}, Apt ${int(1, 40)}`,
          `${int(100, 9999)} ${pick(['Main', 'Hill', 'Lake'])} St, ${pick(['Springfield', 'Portland', 'Austin'])}, ${pick(['IL', 'OR', 'TX'])} ${int(10000, 99999)}`,
        ])
      : lang === 'de'
        ? pick([
            `${pick(['Haupt', 'Goethe', 'Schiller', 'Bahnhof', 'Linden'])}${pick(['straße', 'str.', 'weg', 'allee', 'platz'])} ${int(1, 150)}${pick(['', 'a', 'b'])}`,
            `${pick(['Berliner', 'Münchner', 'Kölner'])} Straße ${int(1, 200)}, ${int(10000, 99999)} ${pick(['Berlin', 'Hamburg', 'Leipzig'])}`,
          ])
        : lang === 'fr'
          ? `${int(1, 200)} ${pick(['rue', 'avenue', 'boulevard', 'chemin'])} ${pick(['de la Paix', 'Victor Hugo', 'des Lilas', 'du Moulin'])}${pick(['', `, ${int(10000, 95999)} ${pick(['Paris', 'Lyon', 'Nantes'])}`])}`
          : `${pick(['Calle', 'Avenida', 'Plaza', 'Paseo'])} ${pick(['Mayor', 'de Gracia', 'del Prado', 'de la Castellana'])} ${int(1, 300)}${pick(['', `, ${int(10000, 52999)} ${pick(['Madrid', 'Sevilla', 'Valencia'])}`])}`;
  return {
    lang,
    dataClass: 'pii.address',
    value,
    lead: {
      en: ['Address:', 'ship to', 'she lives at', 'deliver to'],
      de: ['Adresse:', 'wohnhaft in der', 'Lieferanschrift:'],
      fr: ['Adresse :', 'il habite au', 'livraison au'],
      es: ['Dirección:', 'vive en la', 'envío a'],
    },
  };
}

function person(): Seeded {
  const value = `${pick(FIRST)} ${pick(LAST)}`;
  return {
    dataClass: 'pii.name',
    value,
    lead: {
      en: ['My name is', 'Patient:', 'Customer:', 'Regards,', 'Dear Mr.', 'Dr.'],
      de: ['Mein Name ist', 'Ich heiße', 'Mit freundlichen Grüßen,', 'Herr', 'Frau'],
      fr: ["Je m'appelle", 'Cordialement,', 'Madame', 'Monsieur'],
      es: ['Me llamo', 'Mi nombre es', 'Atentamente,', 'Sra.', 'Sr.'],
    },
  };
}

function pem(): string {
  const kind = pick(['RSA ', 'EC ', '', 'OPENSSH ', 'ENCRYPTED ']);
  const lines = Array.from({ length: int(3, 8) }, () => chars(B64, 64));
  lines.push(`${chars(B64, int(10, 60))}${pick(['', '=', '=='])}`);
  return `-----BEGIN ${kind}PRIVATE KEY-----\n${lines.join('\n')}\n-----END ${kind}PRIVATE KEY-----`;
}

function jwt(): string {
  const header = pick([
    { alg: 'HS256', typ: 'JWT' },
    { alg: 'RS256', kid: chars(HEX, 8) },
    { typ: 'JWT', alg: 'ES256' },
  ]);
  const payload = {
    sub: String(int(1, 1e6)),
    iat: int(1.6e9, 1.8e9),
    scope: pick(['read', 'admin', 'user:email']),
  };
  return `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}.${chars(B64URL, pick([43, 86, 342]))}`;
}

const API_KEYS: (() => string)[] = [
  () => `sk-proj-${chars(B64URL, 48)}T3BlbkFJ${chars(B64URL, 48)}`,
  () => `sk-${chars(ALNUM, 48)}`,
  () => `sk-svcacct-${chars(B64URL, 56)}`,
  () => `sk-ant-api03-${chars(B64URL, 93)}AA`,
  () => `sk-ant-admin01-${chars(B64URL, 64)}`,
  () => `${pick(['AKIA', 'ASIA'])}${chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
  () => `AIza${chars(B64URL, 35)}`,
  () => `${pick(['ghp', 'gho', 'ghu', 'ghs', 'ghr'])}_${chars(ALNUM, 36)}`,
  () => `github_pat_${chars(ALNUM, 22)}_${chars(ALNUM, 59)}`,
  () => `xox${pick(['b', 'p', 'a', 'r', 's'])}-${chars(DIGITS, 12)}-${chars(DIGITS, 13)}-${chars(ALNUM, 24)}`,
  () =>
    `https://hooks.slack.com/services/T${chars(UPPER + DIGITS, 8)}/B${chars(UPPER + DIGITS, 10)}/${chars(ALNUM, 24)}`,
  () => `${pick(['sk', 'rk'])}_live_${chars(ALNUM, 24)}`,
  () => `pk_live_${chars(ALNUM, 24)}`,
  () => `sk_test_${chars(ALNUM, 24)}`,
  () => `SK${chars(HEX, 32)}`,
  () => `SG.${chars(B64URL, 22)}.${chars(B64URL, 43)}`,
  () => `npm_${chars(ALNUM, 36)}`,
  () => `glpat-${chars(B64URL, 20)}`,
  () => `hf_${chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 34)}`,
];
function apiKey(): Seeded & { wrap?: (v: string) => string } {
  const value = pick(API_KEYS)();
  const style = random();
  return {
    dataClass: 'secret.api_key',
    value,
    ...(style < 0.15
      ? { wrap: (v: string) => `{"provider": "${pick(['openai', 'github', 'stripe'])}", "apiKey": "${v}"}` }
      : style < 0.25
        ? {
            wrap: (v: string) =>
              `${pick(['OPENAI_API_KEY', 'GITHUB_TOKEN', 'STRIPE_KEY', 'API_KEY'])}="${v}"`,
          }
        : {}),
    lead: {
      en: ['Here is the key:', 'export OPENAI_API_KEY=', 'use this token', 'config: api key ='],
      de: ['Hier ist der Schlüssel:', 'mein API-Key:'],
      fr: ['Voici la clé :', 'ma clé API :'],
      es: ['Aquí está la clave:', 'mi API key:'],
    },
  };
}
function awsSecret(): Seeded {
  let value: string;
  do value = chars(B64, 40);
  while (!/[a-z]/.test(value) || !/[A-Z]/.test(value) || !/\d/.test(value));
  return {
    dataClass: 'secret.api_key',
    value,
    lead: {
      en: ['aws_secret_access_key =', 'AWS secret key:', 'AWS_SECRET_ACCESS_KEY='],
      de: ['AWS Secret Access Key:'],
    },
  };
}

const CONN = ['postgres', 'postgresql', 'mysql', 'mongodb+srv', 'redis', 'amqp', 'https', 'ftp', 'mssql'];
function password(): Seeded & { wrap?: (v: string) => string } {
  const value = pick([
    `${pick(['Summer', 'Winter', 'Tr0ub4dor', 'Passw0rd', 'hunter', 'Qwerty'])}${int(1, 2099)}${pick(['!', '#', '$', ''])}`,
    chars(`${ALNUM}!#$%^*`, int(10, 24)),
    `${pick(['correct', 'horse', 'battery'])}-${pick(['staple', 'Lamp', 'river'])}-${int(10, 99)}`,
  ]);
  if (random() < 0.55) {
    const scheme = pick(CONN);
    const user = pick(['admin', 'app', 'root', 'svc_report', 'deploy']);
    const host = pick([
      'db.internal',
      'localhost',
      '10.1.2.3',
      'cluster0.mongodb.net',
      'cache.prod.example.com',
    ]);
    const encoded = value.replace(/[#/?@%]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    return {
      dataClass: 'secret.password',
      value: encoded,
      wrap: (v) =>
        `${scheme}://${user}:${v}@${host}${pick([':5432/app', '/db', ':6379', '', '/vhost?ssl=true'])}`,
      lead: {
        en: ['DATABASE_URL=', 'connect with', 'the DSN is'],
        de: ['Verbindung:'],
        fr: ['chaîne de connexion :'],
        es: ['cadena de conexión:'],
      },
    };
  }
  return {
    dataClass: 'secret.password',
    value,
    lead: {
      en: ['password:', 'Password=', 'pwd=', 'the password is', 'DB_PASSWORD='],
      de: ['Passwort:', 'Kennwort:'],
      fr: ['mot de passe :', 'mdp:'],
      es: ['contraseña:', 'clave:'],
    },
  };
}
function token(): Seeded & { wrap?: (v: string) => string } {
  const value = pick([
    chars(HEX, 32),
    chars(HEX, 40),
    chars(ALNUM, 32),
    `${chars(B64URL, 28)}`,
    chars(B64, 44),
  ]);
  const style = random();
  const wrap =
    style < 0.15
      ? (v: string) => `https://api.${pick(DOMAINS)}/v2/items?access_token=${v}&limit=${int(1, 100)}`
      : style < 0.3
        ? (v: string) => `curl -H "Authorization: Bearer ${v}" https://api.${pick(DOMAINS)}/v1/me`
        : style < 0.4
          ? (v: string) => `{"client_id": "${chars(DIGITS, 8)}", "client_secret": "${v}"}`
          : undefined;
  return {
    dataClass: 'secret.token',
    value,
    ...(wrap ? { wrap } : {}),
    lead: {
      en: [
        'api_token=',
        'X-Api-Key:',
        'client_secret:',
        'Authorization: Bearer',
        'secret_key =',
        'access_token',
      ],
      de: ['Token:', 'Zugriffstoken (access_token):'],
      fr: ['jeton (token) :', 'secret :'],
      es: ['token:', 'secret:'],
    },
  };
}

const FRAMES: Record<Lang, string[]> = {
  en: [
    'Hi team, {x} — let me know if anything else is needed.',
    'Ticket #{n}: customer wrote "{x}" and asked for a callback.',
    'Notes from the call on {d}: {x}. Follow up next week.',
    '{x}\nThanks!',
    'FYI {x}; please update the CRM record.',
  ],
  de: [
    'Hallo zusammen, {x}. Vielen Dank!',
    'Ticket {n}: Der Kunde schreibt: „{x}“.',
    'Notiz vom {d}: {x}. Bitte prüfen.',
  ],
  fr: [
    'Bonjour, {x}. Merci d’avance.',
    'Ticket {n} : le client écrit « {x} ».',
    'Note du {d} : {x}. À traiter.',
  ],
  es: [
    'Hola, {x}. ¡Gracias!',
    'Ticket {n}: el cliente escribe «{x}».',
    'Nota del {d}: {x}. Revisar, por favor.',
  ],
  it: ['Ciao, {x}. Grazie mille.', 'Ticket {n}: il cliente scrive "{x}".'],
  nl: ['Hallo, {x}. Alvast bedankt.', 'Ticket {n}: klant schrijft "{x}".'],
};

/** Classes recognisable without any context word: sometimes they appear bare. */
const SELF_EVIDENT = new Set([
  'pii.email',
  'pii.card',
  'pii.iban',
  'pii.ip',
  'secret.jwt',
  'secret.private_key',
]);
const BARE_LEADS = ['', 'see', 'note:', '->', 'ok', 'value', 'copied', 'from the form:'];

interface Label {
  dataClass: string;
  start: number;
  end: number;
  value: string;
}

function compose(
  lang: Lang,
  items: (Seeded & { wrap?: (v: string) => string })[],
): { text: string; labels: Label[] } {
  let inner = '';
  const labels: Label[] = [];
  items.forEach((item, i) => {
    const leads = item.lead[lang] ?? item.lead.en!;
    const bare =
      (SELF_EVIDENT.has(item.dataClass) ||
        (item.dataClass === 'secret.api_key' && !/^[A-Za-z0-9+/]{40}$/.test(item.value)) ||
        item.wrap) &&
      random() < 0.3;
    const lead = bare ? pick(BARE_LEADS) : pick(leads);
    if (i > 0) inner += pick([', ', '; ', ' and ', '. ', '\n']);
    if (lead !== '') inner += `${lead}${lead.endsWith('=') || lead.endsWith('\n') ? '' : ' '}`;
    const wrapped = item.wrap ? item.wrap('\u0000') : '\u0000';
    const [before, after] = wrapped.split('\u0000') as [string, string];
    inner += before;
    labels.push({
      dataClass: item.dataClass,
      start: inner.length,
      end: inner.length + item.value.length,
      value: item.value,
    });
    inner += item.value + after;
  });
  const frame = pick(FRAMES[lang]);
  const n = `${pick(['INC', 'T', 'SR'])}-${int(1000, 99999)}`;
  const d = `${int(2023, 2026)}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`;
  const filled = frame.replace('{n}', n).replace('{d}', d);
  const offset = filled.indexOf('{x}');
  const text = filled.replace('{x}', inner);
  return { text, labels: labels.map((l) => ({ ...l, start: l.start + offset, end: l.end + offset })) };
}

/** Re-renders a composed text as a JSON log line, a Markdown block, a YAML value or an HTML cell. */
function render(text: string, labels: Label[]): { text: string; labels: Label[] } {
  const style = random();
  if (style < 0.12) {
    const prefix = `{"ts":"2025-0${int(1, 9)}-1${int(0, 9)}T0${int(0, 9)}:1${int(0, 9)}:00Z","level":"${pick(['info', 'warn', 'error'])}","msg":`;
    const jsonEscape = (s: string) => JSON.stringify(s).slice(1, -1);
    return {
      text: `${prefix}${JSON.stringify(text)}}`,
      labels: labels.map((l) => {
        const value = jsonEscape(l.value);
        const start = prefix.length + 1 + jsonEscape(text.slice(0, l.start)).length;
        return { ...l, value, start, end: start + value.length };
      }),
    };
  }
  const wrap =
    style < 0.2
      ? ['```\n', '\n```']
      : style < 0.27
        ? ['notes: |\n  ', '\n']
        : style < 0.33
          ? ['<tr><td>', '</td></tr>']
          : style < 0.4
            ? ['> ', '']
            : ['', ''];
  const [before, after] = wrap as [string, string];
  return {
    text: before + text + after,
    labels: labels.map((l) => ({ ...l, start: l.start + before.length, end: l.end + before.length })),
  };
}

const GENERATORS: [string, () => Seeded & { lang?: Lang; wrap?: (v: string) => string }][] = [
  ['pii.email', email],
  ['pii.phone', phone],
  ['pii.card', card],
  ['pii.iban', iban],
  ['pii.ssn', ssn],
  ['pii.ip', ip],
  ['pii.dob', dob],
  ['pii.address', address],
  ['pii.name', person],
  ['secret.api_key', apiKey],
  ['secret.api_key', awsSecret],
  [
    'secret.jwt',
    () => ({
      dataClass: 'secret.jwt',
      value: jwt(),
      lead: {
        en: ['Authorization: Bearer', 'id_token=', 'the JWT is'],
        de: ['Das Token lautet'],
        fr: ['Le jeton JWT :'],
        es: ['El JWT es'],
      },
    }),
  ],
  [
    'secret.private_key',
    () => ({
      dataClass: 'secret.private_key',
      value: pem(),
      lead: {
        en: ['Here is the deploy key:\n', 'id_rsa:\n'],
        de: ['Privater Schlüssel:\n'],
        fr: ['Clé privée :\n'],
        es: ['Clave privada:\n'],
      },
    }),
  ],
  ['secret.password', password],
  ['secret.token', token],
];

const LANGS: Lang[] = ['en', 'en', 'de', 'fr', 'es', 'it', 'nl'];
const labelled: string[] = [];
for (let i = 0; i < 660; i++) {
  const [, primary] = GENERATORS[i % GENERATORS.length]!;
  const first = primary();
  const lang: Lang = first.lang ?? pick(LANGS);
  const items = [first];
  const extra = int(0, 2);
  for (let k = 0; k < extra; k++) {
    const next = pick(GENERATORS)[1]();
    if (next.lang && next.lang !== lang) continue;
    items.push(next);
  }
  const { text, labels } = render(...(Object.values(compose(lang, items)) as [string, Label[]]));
  for (const l of labels)
    if (text.slice(l.start, l.end) !== l.value) throw new Error(`bad offsets in ${text}`);
  labelled.push(JSON.stringify({ id: `L${String(i).padStart(4, '0')}`, lang, text, labels }));
}

// ---- Clean texts: look-alikes that must survive untouched ----
function badLuhn(length: number): string {
  for (;;) {
    const n = pick(['4', '5', '3', '6', '1', '9']) + chars(DIGITS, length - 1);
    if (!luhnCheck(n)) return n;
  }
}
function badIban(): string {
  const good = ibanValue(pick(Object.keys(IBAN_LENGTHS)));
  const check = (Number(good.slice(2, 4)) + int(1, 8)) % 97;
  const bad = `${good.slice(0, 2)}${String(check).padStart(2, '0')}${good.slice(4)}`;
  return random() < 0.5 ? bad : bad.replace(/(.{4})(?=.)/g, '$1 ');
}
const uuid = () =>
  `${chars(HEX, 8)}-${chars(HEX, 4)}-4${chars(HEX, 3)}-${pick(['8', '9', 'a', 'b'])}${chars(HEX, 3)}-${chars(HEX, 12)}`;
function isbn13(): string {
  const body = `978${chars(DIGITS, 9)}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
  const c = (10 - (sum % 10)) % 10;
  return `${body.slice(0, 3)}-${body[3]}-${body.slice(4, 6)}-${body.slice(6, 12)}-${c}`;
}
const CLEAN: (() => string)[] = [
  () =>
    `Order ${pick(['#', 'No. ', 'ID '])}${pick(['ORD', 'A', 'SO'])}-${int(2019, 2026)}-${chars(DIGITS, 6)} shipped on ${int(2023, 2026)}-0${int(1, 9)}-1${int(0, 9)}.`,
  () => `Request id ${uuid()} failed with status 503 after ${int(100, 2000)} ms.`,
  () => `Merged commit ${chars(HEX, 40)} into main (short ${chars(HEX, 7)}).`,
  () => `sha256: ${chars(HEX, 64)}  release.tar.gz`,
  () => `md5 checksum ${chars(HEX, 32)} matches the mirror.`,
  () =>
    `Upgraded from v${int(1, 9)}.${int(0, 30)}.${int(0, 20)} to version ${int(1, 9)}.${int(0, 30)}.${int(0, 20)}-rc.${int(1, 5)}.`,
  () => `Windows version ${int(6, 10)}.${int(0, 3)}.${int(10000, 22631)}.${int(100, 4000)} installed.`,
  () =>
    `Event at ${int(2020, 2026)}-0${int(1, 9)}-2${int(0, 8)}T1${int(0, 9)}:${int(10, 59)}:${int(10, 59)}.${chars(DIGITS, 3)}Z, epoch ${int(1600000000, 1800000000)}${chars(DIGITS, 3)}.`,
  () => `Tracking number ${badLuhn(16)} — parcel left the depot.`,
  () => `Reference ${badLuhn(16).replace(/(.{4})(?=.)/g, '$1 ')} on the invoice.`,
  () => `Invoice ${badLuhn(int(13, 19))} is overdue by ${int(2, 40)} days.`,
  () => `The form field shows ${badIban()} which the bank rejected (checksum).`,
  () =>
    `Part no. ${chars(DIGITS, 4)}-${chars(DIGITS, 3)}-${chars(DIGITS, 3)} is out of stock; alt ${pick(['PN', 'SKU'])} ${chars(DIGITS, 3)}.${chars(DIGITS, 3)}.${chars(DIGITS, 2)}.`,
  () => `ISBN ${isbn13()} — second edition, ${int(200, 900)} pages.`,
  () =>
    `Total: €${int(1, 99)}.${chars(DIGITS, 3)},${chars(DIGITS, 2)} (VAT ${int(5, 21)}%), ${int(2, 12)} items at $${int(1, 999)}.${chars(DIGITS, 2)}.`,
  () =>
    `Meeting ${pick(['Monday', 'Dienstag', 'mercredi', 'jueves'])} ${int(1, 28)}/${int(1, 12)}/${int(2024, 2026)} at ${int(8, 18)}:${pick(['00', '30'])} in room ${int(100, 599)}.`,
  () =>
    `Coordinates ${int(-89, 89)}.${chars(DIGITS, 4)}, ${int(-179, 179)}.${chars(DIGITS, 4)}; screen ${pick(['1920x1080', '2560x1440'])}; color #${chars(HEX, 6)}.`,
  () =>
    `Die Bestellung ${chars(DIGITS, 10)} wurde am ${int(1, 28)}.${int(1, 12)}.${int(2024, 2026)} versandt. Lieferzeit ${int(2, 5)} Tage.`,
  () => `La commande n° ${chars(DIGITS, 9)} est en cours de préparation, version ${int(1, 4)}.${int(0, 9)}.`,
  () =>
    `El pedido ${pick(['PED', 'ES'])}-${chars(DIGITS, 8)} llegará el ${int(1, 28)}/${int(1, 12)}/${int(2024, 2026)}.`,
  () =>
    `Set max_tokens to ${int(256, 8192)}, temperature ${int(0, 1)}.${int(0, 9)}; the token count was ${int(1000, 99999)}.`,
  () =>
    `Please reset your password: the link expires in ${int(1, 48)} hours. The API key rotation is scheduled for Q${int(1, 4)}.`,
  () =>
    `Build ${chars(DIGITS, 5)} on node ${pick(['20.18.1', '22.11.0'])} took ${int(30, 900)}s; cache key ${pick(['linux', 'darwin'])}-${chars(HEX, 12)}.`,
  () =>
    `Container ${chars(HEX, 12)} listening on port ${int(1024, 65535)}; image digest sha256:${chars(HEX, 64)}.`,
  () =>
    `Dimensions ${int(10, 99)}.${int(0, 9)} x ${int(10, 99)}.${int(0, 9)} cm, weight ${int(1, 9)}.${chars(DIGITS, 2)} kg, EAN ${chars(DIGITS, 13)}.`,
  () =>
    `Stock ${chars(UPPER, 3)} closed at ${int(10, 900)}.${chars(DIGITS, 2)}, volume ${int(1, 9)} ${chars(DIGITS, 3)} ${chars(DIGITS, 3)} shares.`,
  () =>
    `Time 12:${int(10, 59)}:${int(10, 59)} — MAC ${Array.from({ length: 6 }, () => chars('0123456789ABCDEF', 2)).join(':')} joined VLAN ${int(1, 4094)}.`,
  () =>
    `See RFC ${int(1000, 9999)} section ${int(1, 9)}.${int(1, 9)}.${int(1, 9)} and ticket JIRA-${int(100, 9999)}.`,
  () =>
    `Der Zähler steht bei ${chars(DIGITS, 3)} ${chars(DIGITS, 3)} ${chars(DIGITS, 3)} kWh; Vertragskonto ${chars(DIGITS, 12)}.`,
  () =>
    `Lot ${chars(UPPER, 2)}${chars(DIGITS, 2)} ${chars(DIGITS, 4)} ${chars(DIGITS, 4)} expires 0${int(1, 9)}/${int(25, 30)}.`,
  () =>
    `Population ${int(1, 9)},${chars(DIGITS, 3)},${chars(DIGITS, 3)} in ${int(1990, 2024)}; growth ${int(0, 5)}.${int(0, 9)}%.`,
  () => `The keynote speaker is at the main hall; meet at the entrance.`,
  () => `Set api_key=YOUR_API_KEY_HERE and token: <redacted>; password: ******** (see docs).`,
  () =>
    `secret: \${${pick(['DB_SECRET', 'JWT_SECRET'])}} and password=%${pick(['PGPASSWORD', 'DB_PASS'])}% are read from the environment.`,
  () =>
    `cache key user-profile-cache-v${int(2, 9)}, primary key id ${int(1, 99999)}, idempotency key order-${int(1000, 9999)}-retry.`,
  () => `Image data:image/png;base64,iVBORw0KGgo${chars(B64, 40)} attached to ticket ${int(1000, 9999)}.`,
  () =>
    `{"id":"${uuid()}","status":"ok","count":${int(1, 999)},"etag":"W/\\"${chars(HEX, 16)}\\"","took_ms":${int(1, 999)}}`,
  () => `Regards, the Support Team — call center hours ${int(8, 10)}:00–${int(16, 20)}:00.`,
  () =>
    `Use npm install @scope/pkg@${int(1, 9)}.${int(0, 9)}.${int(0, 9)}; see https://example.com/docs/v${int(1, 3)}/guide#install.`,
  () =>
    `The phone model SM-${chars(UPPER, 1)}${chars(DIGITS, 3)} ships with ${int(64, 512)} GB; serial ${chars(UPPER, 2)}${chars(DIGITS, 8)}.`,
];
const clean: string[] = [];
for (let i = 0; i < 400; i++) {
  const parts = [CLEAN[i % CLEAN.length]!()];
  if (random() < 0.5) parts.push(pick(CLEAN)());
  clean.push(JSON.stringify({ id: `C${String(i).padStart(4, '0')}`, text: parts.join(' ') }));
}

const out = join(dirname(fileURLToPath(import.meta.url)), '../test/__fixtures__/corpus');
writeFileSync(join(out, 'labelled.jsonl'), `${labelled.join('\n')}\n`);
writeFileSync(join(out, 'clean.jsonl'), `${clean.join('\n')}\n`);
console.log(`wrote ${labelled.length} labelled and ${clean.length} clean texts to ${out}`);
