import { describe, expect, it } from 'vitest';

import { formatTick, niceDomain, niceStep, niceTicks } from '../../../../src/learning/curves/index.js';

describe('nice ticks', () => {
  it('steps by 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(100_000, 6)).toBe(20_000);
    expect(niceStep(3_000, 6)).toBe(500);
    expect(niceStep(1, 5)).toBe(0.2);
    expect(niceStep(0, 5)).toBe(1);
  });

  it('lists the ticks inside a range, ends included, without float noise', () => {
    expect(niceTicks(0, 100_000, 6)).toEqual([0, 20_000, 40_000, 60_000, 80_000, 100_000]);
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0.1, 0.35, 5)).toEqual([0.1, 0.15, 0.2, 0.25, 0.3, 0.35]);
    expect(niceTicks(3, 3)).toEqual([3]);
  });

  it('widens a domain to whole steps', () => {
    expect(niceDomain(0, 487)).toEqual([0, 500]);
    expect(niceDomain(-3, 97)).toEqual([-20, 100]);
    expect(niceDomain(5, 5)).toEqual([4, 6]);
  });

  it('formats ticks briefly', () => {
    expect([0, 500, 2000, 20_000, 1_500_000, 0.25].map(formatTick)).toEqual(['0', '500', '2000', '20k', '1.5M', '0.25']);
  });
});
