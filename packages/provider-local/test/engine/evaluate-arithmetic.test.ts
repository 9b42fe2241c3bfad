import { describe, expect, it } from 'vitest';
import { evaluateArithmetic } from '../../src/engine/evaluate-arithmetic.js';

describe('evaluateArithmetic', () => {
  it.each([
    ['17 * 23', 391],
    ['2+2', 4],
    ['(2 + 3) / 4', 1.25],
    ['2^10', 1024],
    ['2^3^2', 512],
    ['2 ** 3', 8],
    ['-2^2', -4],
    ['-3.5 × 2', -7],
    ['3 x 4', 12],
    ['10 ÷ 4', 2.5],
    ['10 % 3', 1],
    ['0.1 + 0.2', 0.3],
    ['1 - 2 - 3', -4],
    ['2 * (3 + 4) - 5', 9],
  ])('%s = %d', (expression, expected) => {
    expect(evaluateArithmetic(expression)).toBe(expected);
  });

  it.each(['1/0', '2 +', '(1 + 2', 'abc', '1 + 2)', '', 'process.exit()'])('rejects %j', (expression) => {
    expect(evaluateArithmetic(expression)).toBeUndefined();
  });
});
