import { beforeAll, describe, expect, it } from 'vitest';

import { trainSeed } from '../../../src/cli/train-seed.js';
import { prepareToolChoice, scoreToolChoice, TOOL_CHOICE_GOAL, type ToolChoiceSetup } from '../../../src/cli/train-toolchoice.js';
import { createHashingEmbedder } from '../../../src/embedding/index.js';
import { TOOL_CHOICE_PPO_CONFIG } from '../../../src/learning/ppo/index.js';
import { TOOL_NAMES } from '../../../src/shared/index.js';

/** Ten updates of TOOL_CHOICE_PPO_CONFIG's 128 episodes: ~3 s, far from the 3,000 of the acceptance run. */
const EPISODES = 1_280;
const TRAINING_TIMEOUT_MS = 30_000;

let setup: ToolChoiceSetup;

beforeAll(async () => {
  setup = await prepareToolChoice({ embedder: createHashingEmbedder(), encoding: 'obs-v1' });
});

describe('tool-choice training (hashing embedder, obs-v1)', () => {
  it(
    'rises clearly above the untrained level on the training split within a few hundred episodes',
    async () => {
      const { policy, ...run } = await trainSeed({
        env: setup.train,
        seed: 1,
        maxSteps: EPISODES,
        config: TOOL_CHOICE_PPO_CONFIG,
        goal: TOOL_CHOICE_GOAL,
      });
      try {
        const chance = 1 / TOOL_NAMES.length;
        const untrained = run.curve[0]!.y;
        // The first update's 128 episodes were chosen by the initial, untrained policy.
        expect(untrained).toBeLessThan(chance + 0.15);
        expect(run.finalMetric).toBeGreaterThan(untrained + 0.2);
        expect(run.curve.map((sample) => sample.x)).toEqual(Array.from({ length: 10 }, (_, i) => (i + 1) * 128));
        expect(run.episodes).toBe(EPISODES);
        const scores = scoreToolChoice(setup, policy);
        expect(scores.train.successRate).toBeGreaterThan(0.65);
        expect(scores.train.total).toBe(setup.train.examples.length);
        expect(scores.heldOut.total).toBe(setup.test.examples.length);
        expect(scores.heldOut.successRate).toBeGreaterThan(chance + 0.15);
      } finally {
        policy.dispose();
      }
    },
    TRAINING_TIMEOUT_MS,
  );

  it(
    'builds obs-v2 environments from a PCA fitted on the training split',
    async () => {
      const v2 = await prepareToolChoice({ embedder: createHashingEmbedder(), encoding: 'obs-v2' });
      expect([v2.train.encodingVersion, v2.test.encodingVersion]).toEqual(['obs-v2', 'obs-v2']);
      expect(v2.pca?.toStored().fittedOn).toBe(setup.dataset.train.length);
      expect(setup.train.encodingVersion).toBe('obs-v1');
      expect(setup.pca).toBeNull();
      // Same slots after the embedding block; the block itself differs.
      const [first] = v2.train.examples;
      const [same] = setup.train.examples;
      expect(first!.observation.subarray(96)).toEqual(same!.observation.subarray(96));
      expect(first!.observation.subarray(0, 96)).not.toEqual(same!.observation.subarray(0, 96));
    },
    TRAINING_TIMEOUT_MS,
  );
});
