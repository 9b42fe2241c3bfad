import { ValidationError } from '@baton/core/contracts';
import { describe, expect, it } from 'vitest';
import { createDetector, defineRecognizer, PseudonymVault } from '../../src/minimization/index.js';

const detector = createDetector();
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const jwt = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: '42', name: 'x' })}.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U`;

describe('createDetector: the built-in catalogue', () => {
  it.each([
    ['mail me at jane.doe@example.co.uk today', 'jane.doe@example.co.uk', 'EMAIL', 'pii.email'],
    ['write to jane at example dot com please', 'jane at example dot com', 'EMAIL', 'pii.email'],
    ['Kontakt: max(at)beispiel.de bitte', 'max(at)beispiel.de', 'EMAIL', 'pii.email'],
    ['call +44 20 7946 0958 after 5', '+44 20 7946 0958', 'PHONE', 'pii.phone'],
    ['Tel.: 030 12345678', '030 12345678', 'PHONE', 'pii.phone'],
    ['office (415) 555-2671 ext', '(415) 555-2671', 'PHONE', 'pii.phone'],
    ['card 4111 1111 1111 1111 exp 12/27', '4111 1111 1111 1111', 'CREDIT_CARD', 'pii.card'],
    ['amex 3782-822463-10005.', '3782-822463-10005', 'CREDIT_CARD', 'pii.card'],
    ['card 4242.4242.4242.4242 ok', '4242.4242.4242.4242', 'CREDIT_CARD', 'pii.card'],
    [
      'card 5200\u00a08282\u00a08282\u00a08210',
      '5200\u00a08282\u00a08282\u00a08210',
      'CREDIT_CARD',
      'pii.card',
    ],
    ['IBAN DE89 3704 0044 0532 0130 00, BIC COBADEFFXXX', 'DE89 3704 0044 0532 0130 00', 'IBAN', 'pii.iban'],
    ['SSN 123-45-6789 on file', '123-45-6789', 'US_SSN', 'pii.ssn'],
    ['social security number 123456789', '123456789', 'US_SSN', 'pii.ssn'],
    ['from 203.0.113.7 at noon', '203.0.113.7', 'IP_ADDRESS', 'pii.ip'],
    ['host 2001:db8::8a2e:370:7334 down', '2001:db8::8a2e:370:7334', 'IP_ADDRESS', 'pii.ip'],
    ['Date of birth: 14.03.1987', '14.03.1987', 'DATE_OF_BIRTH', 'pii.dob'],
    ['née le 3 mars 1990 à Lyon', '3 mars 1990', 'DATE_OF_BIRTH', 'pii.dob'],
    ['ship to 1600 Pennsylvania Avenue NW, please', '1600 Pennsylvania Avenue NW', 'ADDRESS', 'pii.address'],
    ['Anschrift: Hauptstraße 5, 10115 Berlin.', 'Hauptstraße 5, 10115 Berlin', 'ADDRESS', 'pii.address'],
    ['My name is Ada Lovelace and I', 'Ada Lovelace', 'PERSON', 'pii.name'],
    ['Dear Mrs. van der Berg-Smith,', 'van der Berg-Smith', 'PERSON', 'pii.name'],
    [
      'key sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z done',
      'sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z',
      'API_KEY',
      'secret.api_key',
    ],
    [
      'sk-ant-api03-Abcdefghij0123456789Abcdefghij0123456789-AA x',
      'sk-ant-api03-Abcdefghij0123456789Abcdefghij0123456789-AA',
      'API_KEY',
      'secret.api_key',
    ],
    ['id AKIAIOSFODNN7EXAMPLE here', 'AKIAIOSFODNN7EXAMPLE', 'API_KEY', 'secret.api_key'],
    [
      'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'API_KEY',
      'secret.api_key',
    ],
    [
      'AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe ok',
      'AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe',
      'API_KEY',
      'secret.api_key',
    ],
    [
      'token ghp_16C7e42F292c6912E7710c838347Ae178B4a done',
      'ghp_16C7e42F292c6912E7710c838347Ae178B4a',
      'API_KEY',
      'secret.api_key',
    ],
    [
      'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx',
      'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx',
      'API_KEY',
      'secret.api_key',
    ],
    ['sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'API_KEY', 'secret.api_key'],
    [
      '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',
      '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',
      'API_KEY',
      'secret.api_key',
    ],
    [
      'npm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8 x',
      'npm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8',
      'API_KEY',
      'secret.api_key',
    ],
    [`Bearer ${jwt}`, jwt, 'JWT', 'secret.jwt'],
    ['postgres://app:S3cr3t!pw@db.internal:5432/app', 'S3cr3t!pw', 'PASSWORD', 'secret.password'],
    ['DB_PASSWORD=Tr0ub4dor&3x', 'Tr0ub4dor', 'PASSWORD', 'secret.password'],
    ['REDIS_URL=redis://:s3cretPass@cache:6379', 's3cretPass', 'PASSWORD', 'secret.password'],
    ['postgres://u:p@ss-w0rd@db.example.com/x', 'p@ss-w0rd', 'PASSWORD', 'secret.password'],
    [
      'AccountName=acme;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;',
      'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
      'SECRET',
      'secret.token',
    ],
    [
      'api_token="f3a9c2e71b8d4f6a9e0c5b7d2a1f8e3c"',
      'f3a9c2e71b8d4f6a9e0c5b7d2a1f8e3c',
      'SECRET',
      'secret.token',
    ],
  ])('%s', (text, value, type, dataClass) => {
    const findings = detector.detect(text);
    const finding = findings.find((f) => text.slice(f.start, f.end) === value);
    expect(finding, JSON.stringify(findings)).toMatchObject({ type, dataClass });
  });

  it('takes a PEM private key as one whole block', () => {
    const key =
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\nBG5vbmUAAAAEbm9uZQ==\n-----END OPENSSH PRIVATE KEY-----';
    const text = `deploy key:\n${key}\nthanks`;
    expect(detector.detect(text)).toEqual([
      expect.objectContaining({
        type: 'PRIVATE_KEY',
        start: text.indexOf('-----BEGIN'),
        end: text.indexOf('\nthanks'),
      }),
    ]);
  });

  it.each([
    'order 4111111111111112 shipped',
    'uuid 550e8400-e29b-41d4-a716-446655440000',
    'commit 3f786850e387550fdab836ed7e6dc881de23001b',
    'ISBN 978-3-16-148410-0',
    'release v2.10.3 and version 10.0.19045.2965',
    '2024-05-12T13:45:10Z',
    'IBAN DE89 3704 0044 0532 0130 01',
    'SSN 666-12-3456 and 000-12-3456',
    'the password is required; api_key=YOUR_API_KEY_HERE',
    'EAN 4006381333931',
    'meet at the station at 10:30',
  ])('leaves look-alikes alone: %s', (text) => {
    expect(detector.detect(text)).toEqual([]);
  });

  it('gives offsets into the original text in UTF-16 code units', () => {
    const text = '👩‍💻 José → jose@example.com';
    const [finding] = detector.detect(text);
    expect(text.slice(finding!.start, finding!.end)).toBe('jose@example.com');
    expect(finding!.start).toBe(text.indexOf('jose@'));
  });

  it('resolves overlaps deterministically: the higher score, then the longer span wins', () => {
    const text = 'postgres://admin:hunter2pass@db.example.com/app';
    const findings = detector.detect(text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ type: 'PASSWORD', start: text.indexOf('hunter2pass') });
    expect(createDetector().detect(text)).toEqual(findings);
  });

  it('finds values inside JSON-escaped text', () => {
    const text = JSON.stringify({ note: 'line one\nSSN: 123 45 6789\ncard 4111111111111111' });
    const types = detector.detect(text).map((f) => f.type);
    expect(types).toEqual(['US_SSN', 'CREDIT_CARD']);
  });
});

describe('createDetector: options', () => {
  it('adds user recognizers and data classes', () => {
    const custom = createDetector({
      dataClasses: [{ name: 'pii.employee_id', label: 'EMPLOYEE_ID', description: 'ACME employee number' }],
      recognizers: [
        defineRecognizer({
          name: 'acme-employee',
          dataClass: 'pii.employee_id',
          score: 0.4,
          pattern: /\bE-\d{6}\b/,
          validate: (value) => value !== 'E-000000',
          context: ['employee'],
          contextBoost: 0.3,
        }),
      ],
    });
    expect(custom.redact('employee E-123456 and E-000000').text).toBe(
      'employee <EMPLOYEE_ID_1> and E-000000',
    );
    // Without the context word the base score (0.4) is under the bar.
    expect(custom.detect('ref E-123456')).toEqual([]);
  });

  it('runs user recognizers with literal or function prefilters, finders and context next to the built-ins', () => {
    const custom = createDetector({
      dataClasses: [{ name: 'pii.ticket', label: 'TICKET', description: 'ACME ticket' }],
      recognizers: [
        // Literal needles (shared scan), a validator and a required context word.
        {
          name: 'acme-ticket',
          dataClass: 'pii.ticket',
          score: 0.9,
          prefilter: ['ACME-', 'ACMEX-'],
          pattern: /\bACME-\d{4}\b/,
          validate: (value) => value !== 'ACME-0000',
          context: ['ticket'],
          requireContext: true,
        },
        // A function prefilter and a finder returning an iterable.
        {
          name: 'zz-code',
          dataClass: 'pii.ticket',
          score: 0.9,
          prefilter: (text) => text.includes('zz'),
          *find(text) {
            for (const m of text.matchAll(/zz\d{3}/g)) yield { start: m.index, end: m.index + m[0].length };
          },
        },
      ],
    });
    const text = 'ticket ACME-1234, ACME-0000 and zz123 for a@b.io';
    expect(custom.detect(text).map((f) => [text.slice(f.start, f.end), f.recognizer])).toEqual([
      ['ACME-1234', 'acme-ticket'],
      ['zz123', 'zz-code'],
      ['a@b.io', 'email'],
    ]);
    // Without the needle, the pattern never runs; without the context word, nothing is kept.
    expect(custom.detect('see acme-1234').map((f) => f.recognizer)).toEqual([]);
    expect(custom.detect('order ACME-1234').map((f) => f.recognizer)).toEqual([]);
  });

  it('still runs user recognizers on short texts with nothing for the built-ins', () => {
    const custom = createDetector({
      recognizers: [{ name: 'item-no', dataClass: 'pii.item', score: 0.9, pattern: /\bitem \d{3}\b/ }],
    });
    expect(custom.detect('item 123').map((f) => f.recognizer)).toEqual(['item-no']);
    expect(custom.detect('Answer in one word.')).toEqual([]);
    // `@` and `:` alone (no trigger word, no digit run) still reach the email and IPv6 recognizers.
    expect(custom.detect('a@b.io').map((f) => f.recognizer)).toEqual(['email']);
    expect(custom.detect('host ::ffff:abcd').map((f) => f.recognizer)).toEqual(['ipv6']);
  });

  it('uses a capture group as the value', () => {
    const custom = createDetector({
      builtins: false,
      recognizers: [
        { name: 'badge', dataClass: 'pii.badge', score: 0.9, pattern: /badge #(\d{4})/, group: 1 },
      ],
    });
    expect(custom.redact('badge #1234').text).toBe('badge #<BADGE_1>');
  });

  it('includes and excludes classes and recognizers', () => {
    const text = 'a@b.io, 4111 1111 1111 1111, ghp_16C7e42F292c6912E7710c838347Ae178B4a';
    expect(
      createDetector({ include: ['secret'] })
        .detect(text)
        .map((f) => f.type),
    ).toEqual(['API_KEY']);
    expect(
      createDetector({ exclude: ['pii.card', 'github-token'] })
        .detect(text)
        .map((f) => f.type),
    ).toEqual(['EMAIL']);
  });

  it('rejects bad options with a ValidationError naming the problem', () => {
    expect(() => createDetector({ minScore: 2 })).toThrow(ValidationError);
    expect(() =>
      createDetector({ dataClasses: [{ name: 'Bad Name', label: 'X', description: '' }] }),
    ).toThrow(/Bad Name/);
    expect(() =>
      createDetector({ dataClasses: [{ name: 'pii.x', label: 'lower', description: '' }] }),
    ).toThrow(/label/);
    expect(() =>
      createDetector({ recognizers: [{ name: 'email', dataClass: 'pii.email', score: 1, pattern: /x/ }] }),
    ).toThrow(/two recognizers are named 'email'/);
    expect(() => createDetector({ recognizers: [{ name: 'n', dataClass: 'pii.x', score: 1 }] })).toThrow(
      /pattern or a find/,
    );
  });
});

describe('redact', () => {
  it('gives the same value the same placeholder, counting per label', () => {
    const vault = new PseudonymVault();
    const first = detector.redact('a@x.io, b@x.io, a@x.io', { vault });
    expect(first.text).toBe('<EMAIL_1>, <EMAIL_2>, <EMAIL_1>');
    expect(detector.redact('card 4111-1111-1111-1111 and A@X.IO', { vault }).text).toBe(
      'card <CREDIT_CARD_1> and <EMAIL_1>',
    );
    expect(vault.lookup('<EMAIL_2>')).toEqual({ value: 'b@x.io', dataClass: 'pii.email' });
    // Formatting does not make a new card.
    expect(detector.redact('4111111111111111', { vault }).text).toBe('<CREDIT_CARD_1>');
  });
});
