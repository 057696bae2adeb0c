import { describe, expect, it } from 'vitest';

import { clampDepth } from '../../../src/memory/neighborhood-limits.js';

describe('clampDepth', () => {
  it.each([
    { depth: 1, expected: 1 },
    { depth: 2, expected: 2 },
    { depth: 3, expected: 3 },
    { depth: 0, expected: 1 },
    { depth: -4, expected: 1 },
    { depth: 9, expected: 3 },
    { depth: 2.7, expected: 2 },
    { depth: Number.NaN, expected: 1 },
    { depth: Number.POSITIVE_INFINITY, expected: 1 },
  ])('$depth → $expected', ({ depth, expected }) => {
    expect(clampDepth(depth)).toBe(expected);
  });
});
