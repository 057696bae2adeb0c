import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  CHECKPOINT_FILE,
  createLatentAttentionActorCritic,
  createMlpActorCritic,
  loadCheckpoint,
  resolvePpoConfig,
  saveCheckpoint,
} from '../../../../src/learning/ppo/index.js';
import { OBSERVATION_SIZE } from '../../../../src/learning/encoding/index.js';
import { createSeededRng, type Clock } from '../../../../src/shared/index.js';

const fixedClock: Clock = { now: () => Date.UTC(2025, 0, 2, 3, 4, 5), monotonicMs: () => 0 };

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hololoom-ppo-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('PPO checkpoints', () => {
  it('round-trips weights exactly: the loaded policy gives identical action probabilities and values', async () => {
    const policy = createMlpActorCritic({ observationSize: 4, actionCount: 2, hiddenSizes: [12, 6], rng: createSeededRng(3) });
    const config = resolvePpoConfig({ learningRate: 1e-3, targetKl: Infinity, hiddenSizes: [12, 6] });
    const path = await saveCheckpoint(
      join(dir, 'nested', 'cartpole'),
      policy,
      { encodingVersion: 'obs-test-1', config, createdAt: '2025-01-01T00:00:00.000Z', extra: { samples: 1234 } },
      fixedClock,
    );
    expect(path.endsWith(CHECKPOINT_FILE)).toBe(true);

    const { policy: loaded, info } = await loadCheckpoint(join(dir, 'nested', 'cartpole'));
    const rng = createSeededRng(9);
    for (let probe = 0; probe < 20; probe++) {
      const observation = Float32Array.from({ length: 4 }, () => 4 * rng.next() - 2);
      expect(loaded.predict(observation)).toEqual(policy.predict(observation));
    }
    expect(loaded.getWeights()).toEqual(policy.getWeights());
    expect(info).toEqual({
      encodingVersion: 'obs-test-1',
      createdAt: '2025-01-01T00:00:00.000Z',
      savedAt: '2025-01-02T03:04:05.000Z',
      network: policy.shape,
      config,
      extra: { samples: 1234 },
    });
    loaded.dispose();
    policy.dispose();
  });

  it('writes through a temporary file and leaves only the checkpoint behind', async () => {
    const policy = createMlpActorCritic({ observationSize: 3, actionCount: 2, hiddenSizes: [4], rng: createSeededRng(1) });
    const meta = { encodingVersion: 'v1', config: resolvePpoConfig() };
    await saveCheckpoint(dir, policy, meta);
    await saveCheckpoint(dir, policy, meta);
    expect(await readdir(dir)).toEqual([CHECKPOINT_FILE]);
    const stored = JSON.parse(await readFile(join(dir, CHECKPOINT_FILE), 'utf8')) as { network: { observationSize: number } };
    expect(stored.network.observationSize).toBe(3);
    policy.dispose();
  });

  it('refuses a file that is not a checkpoint, and a foreign architecture', async () => {
    await writeFile(join(dir, CHECKPOINT_FILE), JSON.stringify({ hello: 'world' }));
    await expect(loadCheckpoint(dir)).rejects.toThrow(/not a PPO checkpoint/);

    const policy = createMlpActorCritic({ observationSize: 3, actionCount: 2, hiddenSizes: [4], rng: createSeededRng(1) });
    await saveCheckpoint(dir, policy, { encodingVersion: 'v1', config: resolvePpoConfig() });
    const stored = JSON.parse(await readFile(join(dir, CHECKPOINT_FILE), 'utf8')) as { network: { architecture: string } };
    stored.network.architecture = 'attention';
    await writeFile(join(dir, CHECKPOINT_FILE), JSON.stringify(stored));
    await expect(loadCheckpoint(dir)).rejects.toThrow(/"attention" network/);
    policy.dispose();
  });

  it('rebuilds a latent-attention network from its checkpoint', async () => {
    const policy = createLatentAttentionActorCritic({ observationSize: OBSERVATION_SIZE, actionCount: 5, rng: createSeededRng(4) });
    await saveCheckpoint(dir, policy, { encodingVersion: 'obs-v1', config: resolvePpoConfig() });

    const { policy: loaded, info } = await loadCheckpoint(dir);
    const rng = createSeededRng(5);
    const observation = Float32Array.from({ length: OBSERVATION_SIZE }, () => rng.next() - 0.5);
    expect(info.network.architecture).toBe('latent-attention-v1');
    expect(loaded.predict(observation)).toEqual(policy.predict(observation));
    loaded.dispose();
    policy.dispose();
  });
});
