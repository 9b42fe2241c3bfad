import { describe, expect, it } from 'vitest';
import { classifyText } from '../../src/engine/classify-text.js';

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
