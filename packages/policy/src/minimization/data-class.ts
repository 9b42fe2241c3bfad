/** A kind of sensitive data: its dotted name, its placeholder label and how long records holding it may be kept. */
export interface DataClassDefinition {
  /** Dotted name, e.g. `pii.email`; the first segment (`pii`, `secret`) is the family. */
  name: string;
  /** Placeholder label (`EMAIL` → `<EMAIL_1>`): `[A-Z][A-Z0-9_]*`. */
  label: string;
  /** One line for docs and reports. */
  description: string;
}

const DAY = 86_400_000;

/** The built-in data classes, in documentation order. */
export const BUILTIN_DATA_CLASSES: readonly DataClassDefinition[] = [
  {
    name: 'pii.email',
    label: 'EMAIL',
    description: 'Email address, including "name at example dot com" forms',
  },
  {
    name: 'pii.phone',
    label: 'PHONE',
    description: 'Phone number (E.164 / international, or national with context)',
  },
  { name: 'pii.card', label: 'CREDIT_CARD', description: 'Payment card number (Luhn + issuer range)' },
  {
    name: 'pii.iban',
    label: 'IBAN',
    description: 'International bank account number (mod-97, per-country length)',
  },
  { name: 'pii.ssn', label: 'US_SSN', description: 'US social security number (invalid ranges excluded)' },
  { name: 'pii.ip', label: 'IP_ADDRESS', description: 'IPv4 or IPv6 address' },
  {
    name: 'pii.dob',
    label: 'DATE_OF_BIRTH',
    description: 'Date of birth (a date next to birth context words)',
  },
  { name: 'pii.address', label: 'ADDRESS', description: 'Street address (EN/DE/FR/ES street forms)' },
  { name: 'pii.name', label: 'PERSON', description: 'Person name (after a title or a naming phrase)' },
  {
    name: 'secret.api_key',
    label: 'API_KEY',
    description: 'Provider/platform API key or AWS secret access key',
  },
  { name: 'secret.jwt', label: 'JWT', description: 'JSON Web Token (header checked)' },
  { name: 'secret.private_key', label: 'PRIVATE_KEY', description: 'PEM/OpenSSH/PGP private key block' },
  {
    name: 'secret.password',
    label: 'PASSWORD',
    description: 'Password in a connection string, URL or key=value pair',
  },
  {
    name: 'secret.token',
    label: 'SECRET',
    description: 'High-entropy token next to key/secret/token/password words',
  },
];

/**
 * Default time-to-live of stored records by data class (longest dotted prefix wins).
 * `default` applies to records with no sensitive data.
 */
export const DEFAULT_RETENTION_TTL_MS: Readonly<Record<string, number>> = {
  default: 30 * DAY,
  pii: 7 * DAY,
  'pii.card': 1 * DAY,
  'pii.iban': 1 * DAY,
  'pii.ssn': 1 * DAY,
  secret: 0,
};

/** Whether `dataClass` is `prefix` or below it (`pii` covers `pii.email`). */
export function dataClassMatches(dataClass: string, prefix: string): boolean {
  return (
    prefix === '*' ||
    dataClass === prefix ||
    (dataClass.length > prefix.length && dataClass.startsWith(prefix) && dataClass[prefix.length] === '.')
  );
}

/** The value of the longest key of `table` that is a dotted prefix of `dataClass`. */
export function lookupByClass<T>(table: Readonly<Record<string, T>>, dataClass: string): T | undefined {
  let best: string | undefined;
  for (const key of Object.keys(table)) {
    if (dataClassMatches(dataClass, key) && (best === undefined || key.length > best.length || best === '*'))
      best = key;
  }
  return best === undefined ? undefined : table[best];
}
