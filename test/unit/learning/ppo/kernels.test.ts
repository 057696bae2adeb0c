import { describe, expect, it } from 'vitest';

import {
  approxKl,
  categoricalEntropy,
  clippedSurrogateLoss,
  computeGae,
  logSoftmax,
  normalizeAdvantages,
  ppoLoss,
  valueLoss,
} from '../../../../src/learning/ppo/index.js';

const GAMMA = 0.99;
const LAMBDA = 0.95;
// γλ = 0.9405 in every table below.

function expectClose(actual: readonly number[], expected: readonly number[], digits = 9): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, digits));
}

describe('computeGae (γ 0.99, λ 0.95)', () => {
  it('chains δ backwards inside one episode and bootstraps the rollout end with its last value', () => {
    const { advantages, returns } = computeGae(
      { rewards: [1, 1, 1], values: [0.5, 0.4, 0.3], terminated: [false, false, false], truncated: [false, false, false], lastValues: [0, 0, 0.2] },
      GAMMA,
      LAMBDA,
    );
    // δ2 = 1 + 0.99·0.2 − 0.3 = 0.898                         A2 = 0.898
    // δ1 = 1 + 0.99·0.3 − 0.4 = 0.897   A1 = 0.897 + 0.9405·0.898    = 1.741569
    // δ0 = 1 + 0.99·0.4 − 0.5 = 0.896   A0 = 0.896 + 0.9405·1.741569 = 2.5339456445
    expectClose(advantages, [2.5339456445, 1.741569, 0.898]);
    expectClose(returns, [3.0339456445, 2.141569, 1.198]);
  });

  it('does not bootstrap after termination and does not carry advantage across the boundary', () => {
    const { advantages, returns } = computeGae(
      // lastValues[1] = 99 must be ignored: the episode terminated there.
      { rewards: [1, 1, 1, 1], values: [2, 1, 3, 2], terminated: [false, true, false, false], truncated: [false, false, false, false], lastValues: [0, 99, 0, 5] },
      GAMMA,
      LAMBDA,
    );
    // A3 = 1 + 0.99·5 − 2 = 3.95;  A2 = (1 + 0.99·2 − 3) + 0.9405·3.95 = −0.02 + 3.714975 = 3.694975
    // A1 = 1 + 0 − 1 = 0 (terminal);  A0 = 1 + 0.99·1 − 2 + 0.9405·0 = −0.01
    expectClose(advantages, [-0.01, 0, 3.694975, 3.95]);
    expectClose(returns, [1.99, 1, 6.694975, 5.95]);
  });

  it('bootstraps a truncated step with the value of its final observation, still cutting the chain', () => {
    const { advantages, returns } = computeGae(
      { rewards: [1, 1, 1, 1], values: [2, 1, 3, 2], terminated: [false, false, false, false], truncated: [false, true, false, false], lastValues: [0, 10, 0, 5] },
      GAMMA,
      LAMBDA,
    );
    // A1 = 1 + 0.99·10 − 1 = 9.9 (no A2 term: the next step is a new episode)
    // A0 = 1 + 0.99·1 − 2 + 0.9405·9.9 = −0.01 + 9.31095 = 9.30095
    expectClose(advantages, [9.30095, 9.9, 3.694975, 3.95]);
    expectClose(returns, [11.30095, 10.9, 6.694975, 5.95]);
  });

  it('lets termination win when a step is both terminated and truncated', () => {
    const { advantages } = computeGae(
      { rewards: [1], values: [0.5], terminated: [true], truncated: [true], lastValues: [7] },
      GAMMA,
      LAMBDA,
    );
    expectClose(advantages, [0.5]);
  });

  it('reduces one-step episodes to reward − value, returns to the rewards', () => {
    const { advantages, returns } = computeGae(
      { rewards: [0.5, -1], values: [0.2, 0.1], terminated: [true, true], truncated: [false, false], lastValues: [0, 0] },
      GAMMA,
      LAMBDA,
    );
    expectClose(advantages, [0.3, -1.1]);
    expectClose(returns, [0.5, -1]);
  });
});

describe('normalizeAdvantages', () => {
  it('centres and scales by the population standard deviation', () => {
    // mean 2.5, std √1.25 = 1.118033989 (the 1e-8 guard in the divisor shows at the 8th digit)
    expectClose(normalizeAdvantages([1, 2, 3, 4]), [-1.341640786, -0.447213595, 0.447213595, 1.341640786], 7);
  });

  it('leaves a single sample alone and maps equal advantages to zero', () => {
    expect(normalizeAdvantages([3.5])).toEqual([3.5]);
    expectClose(normalizeAdvantages([2, 2, 2]), [0, 0, 0]);
  });
});

describe('policy and value terms', () => {
  // Ratios 1.2, 1.5, 0.5, 1.5 from probabilities old 0.5 → new 0.6, 0.75, 0.25, 0.75.
  const oldLogProbs = [0.5, 0.5, 0.5, 0.5].map(Math.log);
  const newLogProbs = [0.6, 0.75, 0.25, 0.75].map(Math.log);
  const advantages = [1, 2, -1, -1];

  it('takes the pessimistic (min) of the clipped and unclipped surrogate, clip 0.2', () => {
    // min(1.2·1, 1.2·1) = 1.2;  min(1.5·2, 1.2·2) = 2.4;  min(0.5·−1, 0.8·−1) = −0.8;  min(1.5·−1, 1.2·−1) = −1.5
    // loss = −(1.2 + 2.4 − 0.8 − 1.5) / 4 = −0.325
    expect(clippedSurrogateLoss(newLogProbs, oldLogProbs, advantages, 0.2)).toBeCloseTo(-0.325, 12);
  });

  it('estimates KL with mean((ρ − 1) − log ρ)', () => {
    // 0.2 − ln 1.2 = 0.017678443;  0.5 − ln 1.5 = 0.094534892;  −0.5 + ln 2 = 0.193147181
    expect(approxKl(newLogProbs, oldLogProbs)).toBeCloseTo((0.017678443 + 0.094534892 + 0.193147181 + 0.094534892) / 4, 8);
    expect(approxKl(oldLogProbs, oldLogProbs)).toBe(0);
  });

  it('scores the value head by mean squared error', () => {
    expect(valueLoss([1, 2], [0, 4])).toBe(2.5);
  });

  it('computes categorical entropy and log-softmax from logits', () => {
    expect(categoricalEntropy([0, 0])).toBeCloseTo(Math.LN2, 12);
    // p = (0.25, 0.75): −(0.25 ln 0.25 + 0.75 ln 0.75) = 0.562335145
    expect(categoricalEntropy([0, Math.log(3)])).toBeCloseTo(0.562335145, 9);
    expectClose(logSoftmax([1000, 1000]), [-Math.LN2, -Math.LN2]);
  });

  it('combines the terms as policy + 0.5·value − 0.01·entropy', () => {
    const terms = ppoLoss(
      {
        logits: [[0, 0], [0, Math.log(3)]],
        values: [1, 2],
        actions: [0, 1],
        oldLogProbs: [Math.log(0.5), Math.log(0.5)],
        advantages: [1, -1],
        returns: [0, 4],
      },
      { clipRange: 0.2, valueCoef: 0.5, entropyCoef: 0.01 },
    );
    // ratios 1 and 1.5: surrogates 1 and min(−1.5, −1.2) = −1.5, so policy loss = 0.25
    expect(terms.policyLoss).toBeCloseTo(0.25, 12);
    expect(terms.valueLoss).toBeCloseTo(2.5, 12);
    expect(terms.entropy).toBeCloseTo((Math.LN2 + 0.562335145) / 2, 9);
    expect(terms.approxKl).toBeCloseTo(0.094534892 / 2, 9);
    expect(terms.total).toBeCloseTo(0.25 + 0.5 * 2.5 - 0.01 * terms.entropy, 12);
  });
});
