import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { z } from 'zod';

import { BadInputError, createSeededRng, systemClock, type Clock } from '../../shared/index.js';

import type { ActorCritic, NetworkShape } from './actor-critic.js';
import { CHECKPOINT_FILE } from './checkpoint-file.js';
import { resolvePpoConfig, type PpoConfig } from './config.js';
import { createLatentAttentionActorCritic, LATENT_ATTENTION_ARCHITECTURE } from './latent-attention-actor-critic.js';
import { createMlpActorCritic, MLP_ARCHITECTURE } from './mlp-actor-critic.js';
import { initializeTensorflow } from './tf-runtime.js';

export { CHECKPOINT_FILE } from './checkpoint-file.js';
const CHECKPOINT_FORMAT = 'hololoom-ppo-checkpoint';
const CHECKPOINT_FORMAT_VERSION = 1;

/** What the caller knows about the policy and stores beside its weights. */
export interface CheckpointMeta {
  /**
   * Version of the observation encoding the policy was trained on; a loader compares it with
   * its own so a policy is never fed observations it was not trained to read.
   */
  readonly encodingVersion: string;
  readonly config: PpoConfig;
  /** When training of this policy began (ISO 8601); defaults to the save time. */
  readonly createdAt?: string;
  /** Small facts to keep, e.g. `{ samples: 100000 }`. */
  readonly extra?: Readonly<Record<string, number | string>>;
}

/** A loaded checkpoint's facts, without the weights (they are in the policy). */
export interface CheckpointInfo extends CheckpointMeta {
  readonly createdAt: string;
  readonly savedAt: string;
  readonly network: NetworkShape;
}

const Size = z.number().int().positive();
// Infinity (e.g. targetKl off) is not JSON: it is stored as null and read back as Infinity.
const StoredNumber = z
  .number()
  .nullable()
  .transform((value) => value ?? Infinity);
// Every field optional: a checkpoint from before a field existed loads with that field's default.
const StoredConfig = z
  .object({
    gamma: StoredNumber,
    lambda: StoredNumber,
    clipRange: StoredNumber,
    valueCoef: StoredNumber,
    entropyCoef: StoredNumber,
    maxGradNorm: StoredNumber,
    learningRate: StoredNumber,
    epochs: StoredNumber,
    minibatchSize: StoredNumber,
    stepsPerUpdate: StoredNumber,
    targetKl: StoredNumber,
    hiddenSizes: z.array(Size),
  })
  .partial();
const CheckpointFile = z.object({
  format: z.literal(CHECKPOINT_FORMAT),
  formatVersion: z.literal(CHECKPOINT_FORMAT_VERSION),
  encodingVersion: z.string(),
  createdAt: z.string(),
  savedAt: z.string(),
  network: z.object({ architecture: z.string(), observationSize: Size, actionCount: Size, hiddenSizes: z.array(Size).min(1) }),
  config: StoredConfig,
  extra: z.record(z.string(), z.union([z.number(), z.string()])),
  weights: z.array(z.object({ name: z.string(), shape: z.array(Size), values: z.array(z.number()) })),
});

function serializeConfig(config: PpoConfig): Record<string, number | null | number[]> {
  return Object.fromEntries(
    Object.entries(config).map(([key, value]: [string, number | readonly number[]]) => [
      key,
      typeof value === 'number' ? (Number.isFinite(value) ? value : null) : [...value],
    ]),
  );
}

/** Writes to a temporary file beside the target, flushes it, then renames: readers never see half a file. */
async function writeAtomically(path: string, contents: string): Promise<void> {
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(contents);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Saves `policy` (weights, shape) and `meta` as JSON in `dir`, atomically; returns the file's path. */
export async function saveCheckpoint(dir: string, policy: ActorCritic, meta: CheckpointMeta, clock: Clock = systemClock): Promise<string> {
  const savedAt = new Date(clock.now()).toISOString();
  const document = {
    format: CHECKPOINT_FORMAT,
    formatVersion: CHECKPOINT_FORMAT_VERSION,
    encodingVersion: meta.encodingVersion,
    createdAt: meta.createdAt ?? savedAt,
    savedAt,
    network: policy.shape,
    config: serializeConfig(meta.config),
    extra: meta.extra ?? {},
    // Float32 values widen exactly to doubles and JSON prints doubles round-trip exact.
    weights: policy.getWeights().map((weight) => ({ name: weight.name, shape: weight.shape, values: Array.from(weight.values) })),
  };
  await mkdir(dir, { recursive: true });
  const path = join(dir, CHECKPOINT_FILE);
  await writeAtomically(path, JSON.stringify(document));
  return path;
}

/**
 * The networks a checkpoint can hold, by architecture. A latent-attention network is rebuilt at
 * its default sizes; one saved at other sizes fails in setWeights, naming the first weight whose
 * shape differs, rather than loading wrongly.
 */
const BUILDERS: Readonly<Record<string, (shape: NetworkShape) => ActorCritic>> = {
  // The initial draw is overwritten by the stored weights; any seed does.
  [MLP_ARCHITECTURE]: (shape) => createMlpActorCritic({ ...shape, rng: createSeededRng(0) }),
  [LATENT_ATTENTION_ARCHITECTURE]: (shape) =>
    createLatentAttentionActorCritic({ ...shape, criticHiddenSizes: shape.hiddenSizes, rng: createSeededRng(0) }),
};

/** Rebuilds the policy saved in `dir`; throws BadInputError on a malformed or foreign file. */
export async function loadCheckpoint(dir: string): Promise<{ policy: ActorCritic; info: CheckpointInfo }> {
  const path = join(dir, CHECKPOINT_FILE);
  const parsed = CheckpointFile.safeParse(JSON.parse(await readFile(path, 'utf8')));
  if (!parsed.success) {
    throw new BadInputError(`${path} is not a PPO checkpoint: ${parsed.error.message}`);
  }
  const stored = parsed.data;
  const build = BUILDERS[stored.network.architecture];
  if (build === undefined) {
    throw new BadInputError(`${path} holds a "${stored.network.architecture}" network; this build loads ${Object.keys(BUILDERS).map((name) => `"${name}"`).join(' or ')}.`);
  }
  await initializeTensorflow();
  const policy = build(stored.network);
  try {
    policy.setWeights(stored.weights.map((weight) => ({ ...weight, values: Float32Array.from(weight.values) })));
  } catch (error) {
    policy.dispose();
    throw error;
  }
  const { encodingVersion, createdAt, savedAt, network, extra } = stored;
  return { policy, info: { encodingVersion, createdAt, savedAt, network, extra, config: resolvePpoConfig(stored.config) } };
}
