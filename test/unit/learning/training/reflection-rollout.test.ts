import { describe, expect, it } from 'vitest';

import { computeGae } from '../../../../src/learning/ppo/index.js';
import type { StoredExperience } from '../../../../src/learning/index.js';
import { rolloutFromReflections } from '../../../../src/learning/training/reflection-rollout.js';

const experience = (reward: number | null, toolIndex: number, logProb: number, observation: number[]): StoredExperience =>
  ({ reward, toolIndex, logProb, observation: Float32Array.from(observation) }) as unknown as StoredExperience;

describe('rolloutFromReflections', () => {
  const predict = (observation: Float32Array) => ({ probabilities: Float32Array.from([0.5, 0.2, 0.3, 0, 0]), value: observation[0]! / 10 });

  it('turns rewarded weaves into one-step episodes, valued and anchored by the current network', () => {
    const rollout = rolloutFromReflections(
      [experience(1, 2, -0.5, [1, 2]), experience(null, 0, -1, [3, 4]), experience(-1, 4, -80, [5, 6]), experience(0.5, 1, -1, [7])],
      2,
      predict,
    );

    expect(rollout.actions).toEqual([2, 4]);
    expect(Array.from(rollout.observations)).toEqual([1, 2, 5, 6]);
    expect(rollout.rewards).toEqual([1, -1]);
    expect(rollout.values).toEqual([0.1, 0.5]);
    expect(rollout.logProbs[0]).toBeCloseTo(Math.log(0.3), 6);
    // A choice the network gives no probability is floored so the PPO ratio stays finite.
    expect(rollout.logProbs[1]).toBeCloseTo(Math.log(1e-6), 10);
    expect(rollout.terminated).toEqual([true, true]);
  });

  it('gives GAE advantages of reward − value: nothing is bootstrapped across weaves', () => {
    const rollout = rolloutFromReflections([experience(1, 0, -1, [2, 0]), experience(-1, 1, -1, [4, 0])], 2, predict);
    const { advantages, returns } = computeGae(rollout, 0.99, 0.95);
    expect(Array.from(advantages)).toEqual([expect.closeTo(0.8, 6), expect.closeTo(-1.4, 6)]);
    expect(Array.from(returns)).toEqual([expect.closeTo(1, 6), expect.closeTo(-1, 6)]);
  });
});
