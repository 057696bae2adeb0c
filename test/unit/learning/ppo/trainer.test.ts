import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';

import { createCartPole } from '../../../../src/learning/envs/cartpole.js';
import { trainOnEnvironment, type EpisodeRecord, type PpoConfig, type PpoUpdate } from '../../../../src/learning/ppo/index.js';

/** Small and quick: enough to show learning inside a unit test's budget. */
const QUICK_CONFIG: Partial<PpoConfig> = {
  stepsPerUpdate: 256,
  minibatchSize: 64,
  epochs: 4,
  learningRate: 1e-3,
  gamma: 0.98,
  lambda: 0.8,
  entropyCoef: 0,
  targetKl: 0.02,
};

const TRAINING_TIMEOUT_MS = 60_000;

function meanReturn(episodes: readonly EpisodeRecord[]): number {
  return episodes.reduce((sum, episode) => sum + episode.return, 0) / episodes.length;
}

describe('trainOnEnvironment on CartPole-v1', () => {
  it(
    'clearly beats a random policy (mean return ~22) after 8k steps',
    async () => {
      const { policy, updates, episodes } = await trainOnEnvironment({ env: createCartPole(), seed: 1, maxSteps: 8192, config: QUICK_CONFIG });
      const first = episodes.slice(0, 20);
      const last = episodes.slice(-20);
      expect(meanReturn(first)).toBeLessThan(40);
      expect(meanReturn(last)).toBeGreaterThan(80);
      expect(updates).toHaveLength(32);
      expect(updates.at(-1)).toMatchObject({ update: 32, samples: 8192, done: true, episodes: episodes.length });
      expect(episodes.reduce((sum, episode) => sum + episode.length, 0)).toBeLessThanOrEqual(8192);
      policy.dispose();
    },
    TRAINING_TIMEOUT_MS,
  );

  it(
    'is reproducible: the same seed gives the same curve',
    async () => {
      const run = async (seed: number): Promise<PpoUpdate[]> => {
        const result = await trainOnEnvironment({ env: createCartPole(), seed, maxSteps: 768, config: QUICK_CONFIG });
        result.policy.dispose();
        return result.updates;
      };
      const [once, again, other] = [await run(5), await run(5), await run(6)];
      expect(again).toEqual(once);
      expect(other).not.toEqual(once);
    },
    TRAINING_TIMEOUT_MS,
  );

  it(
    'yields to the event loop between updates, reports progress, stops on request and leaks no tensors',
    async () => {
      const before = tf.memory().numTensors;
      let ticks = 0;
      let ticking = true;
      const tick = (): void => {
        ticks += 1;
        if (ticking) {
          setImmediate(tick);
        }
      };
      setImmediate(tick);
      const seen: PpoUpdate[] = [];
      const { policy, updates } = await trainOnEnvironment({
        env: createCartPole(),
        seed: 2,
        maxSteps: 100_000,
        config: { ...QUICK_CONFIG, stepsPerUpdate: 128, epochs: 1 },
        onUpdate: (update) => {
          seen.push(update);
        },
        stopWhen: (update) => update.update === 3,
      });
      ticking = false;
      expect(ticks).toBeGreaterThanOrEqual(2);
      expect(seen).toEqual(updates);
      expect(updates.map((update) => update.done)).toEqual([false, false, true]);
      expect(updates.at(-1)!.samples).toBe(384);
      policy.dispose();
      expect(tf.memory().numTensors).toBe(before);
    },
    TRAINING_TIMEOUT_MS,
  );
});
