import { describe, expect, it } from 'vitest';

import { computeReward, rewardToUnit } from '../../../src/learning/index.js';
import type { Spacetime } from '../../../src/spacetime/index.js';

const base = { confidence: 0.8, durationMs: 100, error: null } as Spacetime;

describe('computeReward', () => {
  it.each([
    [1, -0.6],
    [3, 0.2],
    [5, 1],
  ])('a rating of %i maps to %f and decides alone', (rating, expected) => {
    expect(computeReward({ ...base, error: 'x' }, { rating })).toBeCloseTo(expected, 10);
  });

  it('maps a success flag to ±1, unless a rating is given', () => {
    expect(computeReward({ ...base, error: 'x' }, { success: true })).toBe(1);
    expect(computeReward(base, { success: false })).toBe(-1);
    expect(computeReward(base, { rating: 4, success: false })).toBeCloseTo(0.6, 10);
  });

  it('without a verdict, weights confidence, quality (the confidence) and efficiency 0.6 / 0.3 / 0.1', () => {
    expect(computeReward(base, {})).toBeCloseTo(0.6 * 0.8 + 0.3 * 0.8 + 0.1 * 0.9, 10);
  });

  it('penalizes errors and runs past twice the budget, clipped to −1', () => {
    const failed = { ...base, confidence: 0, error: 'boom', durationMs: 5_000 };
    expect(computeReward(failed, {})).toBeCloseTo(0.1 * -0.5 - 0.5 - 0.3, 10);
    expect(computeReward({ ...failed, confidence: 0 }, { rating: null, success: null })).toBeGreaterThanOrEqual(-1);
    expect(rewardToUnit(-1)).toBe(0);
    expect(rewardToUnit(1)).toBe(1);
  });
});
