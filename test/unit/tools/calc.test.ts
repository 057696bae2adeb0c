import { describe, expect, it } from 'vitest';

import { calculate } from '../../../src/tools/calc.js';
import { formatNumber } from '../../../src/tools/format-number.js';
import { createRestrictedEvaluator } from '../../../src/tools/restricted-math.js';

const evaluate = await createRestrictedEvaluator();

describe('calculate', () => {
  it.each([
    ['What is 17 * 23?', '17 * 23 = 391', 391],
    ["what's 12 plus 30 divided by 3", '12 + 30 / 3 = 22', 22],
    ['2^10', '2 ^ 10 = 1024', 1024],
    ['15% of 80', '(15 / 100) * 80 = 12', 12],
    ['square root of 144', 'sqrt(144) = 12', 12],
    ['(3+4)*5', '(3 + 4) * 5 = 35', 35],
    ['1,234 + 1', '1234 + 1 = 1235', 1235],
    ['10 ÷ 3', '10 / 3 = 3.333333333', 10 / 3],
  ])('evaluates %j', (query, response, value) => {
    const result = calculate(query, evaluate);
    expect(result.response).toBe(response);
    expect(result.confidence).toBe(0.99);
    expect(result.detail['value']).toBeCloseTo(value, 12);
    expect(result.citations).toEqual([]);
  });

  it('answers with confidence 0 when the question holds no arithmetic', () => {
    const result = calculate('What is the capital of France?', evaluate);
    expect(result.confidence).toBe(0);
    expect(result.response).toMatch(/couldn't find arithmetic/u);
    expect(result.detail['expression']).toBeNull();
  });

  it.each([
    ['1 / 0', /not a finite real number/u],
    ['square root of -4', /not a finite real number/u],
    ['(2 + ) * 3', /Value expected/u],
  ])('reports %j as a failed evaluation, not a throw', (query, message) => {
    const result = calculate(query, evaluate);
    expect(result.confidence).toBe(0);
    expect(result.response).toMatch(/couldn't evaluate/u);
    expect(result.detail['error']).toMatch(message);
  });

  it.each(['import({x: 1}, {override: true})', 'evaluate("1+1") + 1', 'createUnit("foo")'])(
    'rejects %j',
    (query) => {
      expect(calculate(query, evaluate)).toMatchObject({ confidence: 0, citations: [] });
    },
  );
});

describe('createRestrictedEvaluator', () => {
  it('still does arithmetic after disabling the risky functions', () => {
    expect(evaluate('17 * 23')).toBe(391);
  });

  it.each([
    ['import({x: 1}, {override: true})', /import is disabled/u],
    ['evaluate("1+1")', /evaluate is disabled/u],
    ['createUnit("foo")', /createUnit is disabled/u],
    ['parse("1")', /parse is disabled/u],
    ['compile("1")', /compile is disabled/u],
    ['simplify("x + x")', /simplify is disabled/u],
    ['derivative("x^2", "x")', /derivative is disabled/u],
    ['sqrt.constructor("return 1")()', /./u],
  ])('throws on %j inside an expression', (expression, message) => {
    expect(() => evaluate(expression)).toThrow(message);
  });

  it('has no functions beyond the whitelist', () => {
    expect(() => evaluate('factorial(5)')).toThrow();
  });
});

describe('formatNumber', () => {
  it.each([
    [391, '391'],
    [-0, '0'],
    [0.1 + 0.2, '0.3'],
    [1 / 3, '0.3333333333'],
    [123456.789012345, '123456.789'],
    [2 ** 100, '1.2676506e+30'],
  ])('formats %d as %s', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });
});
