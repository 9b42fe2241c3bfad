import { describe, expect, it } from 'vitest';
import { classifyText } from '../../src/engine/classify-text.js';
import { parseLabels } from '../../src/engine/parse-labels.js';

const SUPPORT = [{ label: 'billing' }, { label: 'outage' }, { label: 'account' }];

describe('classifyText', () => {
  it.each([
    ['I was charged twice for my subscription and need a refund.', 'billing'],
    ['The dashboard returns a 503 error and nothing loads since this morning.', 'outage'],
    ["I can't log in: my password reset email never arrives.", 'account'],
    ['Where can I download my invoice for March?', 'billing'],
    ['Your API is down for everyone in our team.', 'outage'],
  ])('routes %j to %s', (text, label) => {
    expect(classifyText(text, SUPPORT).label).toBe(label);
  });

  it.each([
    ['I love this product, it is amazing!', 'positive'],
    ['Terrible experience, the worst support ever.', 'negative'],
  ])('reads sentiment of %j as %s', (text, label) => {
    expect(
      classifyText(text, [{ label: 'positive' }, { label: 'negative' }, { label: 'neutral' }]).label,
    ).toBe(label);
  });

  it('uses label descriptions and label words for labels outside the lexicon', () => {
    const labels = [
      { label: 'hardware', description: 'laptops, monitors, keyboards' },
      { label: 'software', description: 'licenses, installs, updates' },
    ];
    expect(classifyText('My monitor flickers and the keyboard is dead.', labels).label).toBe('hardware');
    expect(classifyText('Please renew the license for the design tool.', labels).label).toBe('software');
  });

  it('falls back to an "other" label, else the first, when nothing matches', () => {
    expect(classifyText('Hello there.', [...SUPPORT, { label: 'other' }])).toMatchObject({
      label: 'other',
      confidence: 0,
    });
    expect(classifyText('Hello there.', SUPPORT).label).toBe('billing');
  });

  it('reports a confidence share and every score', () => {
    const result = classifyText('Refund my payment for the invoice.', SUPPORT);
    expect(result.confidence).toBeGreaterThan(0.5);
    expect(Object.keys(result.scores)).toEqual(['billing', 'outage', 'account']);
  });
});

describe('parseLabels', () => {
  it.each([
    [
      'Classify into: billing, outage, account\n\nMy card was charged twice.',
      ['billing', 'outage', 'account'],
      'My card was charged twice.',
    ],
    [
      'Classify into: billing, outage, account. My card was charged twice.',
      ['billing', 'outage', 'account'],
      'My card was charged twice.',
    ],
    [
      'Route this ticket to one of (billing | outage | account): site is down',
      ['billing', 'outage', 'account'],
      'site is down',
    ],
    [
      'Categories: positive, negative or neutral\nGreat job!',
      ['positive', 'negative', 'neutral'],
      'Great job!',
    ],
    [
      'Classify the ticket as "bug", "feature" or "question".\nThe app crashes.',
      ['bug', 'feature', 'question'],
      'The app crashes.',
    ],
  ])('reads %j', (prompt, labels, rest) => {
    const parsed = parseLabels(prompt);
    expect(parsed?.labels.map((candidate) => candidate.label)).toEqual(labels);
    expect(parsed?.rest).toBe(rest);
  });

  it('reads a bullet list with descriptions', () => {
    const parsed = parseLabels(
      'Pick the team for this request:\n- billing: payments and invoices\n- infra (servers, outages)\n\nThe server is on fire.',
    );
    expect(parsed?.labels).toEqual([
      { label: 'billing', description: 'payments and invoices' },
      { label: 'infra', description: 'servers, outages' },
    ]);
    expect(parsed?.rest).toBe('The server is on fire.');
  });

  it.each(['Summarize this text: it is long.', 'Classify this.', 'What is the best option?'])(
    'finds no labels in %j',
    (prompt) => {
      expect(parseLabels(prompt)).toBeNull();
    },
  );
});
