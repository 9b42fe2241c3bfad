import { describe, expect, it } from 'vitest';
import { parseLabels } from '../../src/engine/parse-labels.js';

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
