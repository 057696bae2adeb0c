import { describe, expect, it } from 'vitest';

import { extractArithmetic, MAX_EXPRESSION_LENGTH } from '../../../src/tools/arithmetic-extraction.js';

describe('extractArithmetic', () => {
  it.each([
    ['What is 17 * 23?', '17 * 23'],
    ["what's 12 plus 30 divided by 3", '12 + 30 / 3'],
    ['2^10', '2 ^ 10'],
    ['what is 2**10?', '2 ^ 10'],
    ['15% of 80', '(15 / 100) * 80'],
    ['what is 15 percent of 80?', '(15 / 100) * 80'],
    ['square root of 144', 'sqrt(144)'],
    ['What is the square root of (3+4)?', 'sqrt((3 + 4))'],
    ['(3+4)*5', '(3 + 4) * 5'],
    ['1,234 + 1', '1234 + 1'],
    ['6 × 7', '6 * 7'],
    ['84 ÷ 4', '84 / 4'],
    ['10 x 5', '10 * 5'],
    ['5 squared', '5 ^ 2'],
    ['7 times 6 minus 2', '7 * 6 - 2'],
    ['-5 + 3', '-5 + 3'],
    ['17 mod 5', '17 mod 5'],
    ['10 % 3', '10 % 3'],
    ['sqrt(2) * 2', 'sqrt(2) * 2'],
    ['(what is 3+4)', '3 + 4'],
    ['I have 3 apples and 4 pears: 3 + 4?', '3 + 4'],
    ['Calculate 2.5 * 4.', '2.5 * 4'],
  ])('finds the arithmetic in %j', (text, expression) => {
    expect(extractArithmetic(text)).toEqual({ ok: true, expression });
  });

  it.each(['What is the capital of France?', 'I have 3 cats', 'plus minus times', ''])(
    'finds nothing in %j',
    (text) => {
      expect(extractArithmetic(text)).toEqual({ ok: false, reason: 'no arithmetic expression found' });
    },
  );

  it.each(['import({x: 1}, {override: true}) + 1', 'evaluate("2+2")', 'createUnit("foo") * 2', 'what is parse("1")?'])(
    'refuses calls to functions outside the arithmetic whitelist: %j',
    (text) => {
      const extraction = extractArithmetic(text);
      expect(extraction.ok).toBe(false);
      expect(extraction.ok || extraction.reason).toMatch(/is not an arithmetic function/u);
    },
  );

  it(`refuses expressions longer than ${MAX_EXPRESSION_LENGTH} characters`, () => {
    const extraction = extractArithmetic(Array.from({ length: 60 }, () => '1').join(' + '));
    expect(extraction).toEqual({ ok: false, reason: `the expression is longer than ${MAX_EXPRESSION_LENGTH} characters` });
  });
});
