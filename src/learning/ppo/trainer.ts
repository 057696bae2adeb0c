import type { Logger } from '../../observability/index.js';
import { BadInputError, createSeededRng, type Rng } from '../../shared/index.js';
import type { Environment } from '../envs/types.js';

import type { ActorCritic } from './actor-critic.js';
import { resolvePpoConfig, type PpoConfig } from './config.js';
import { createMlpActorCritic } from './mlp-actor-critic.js';
import { createPpoOptimizer } from './optimizer.js';
import { ppoUpdate } from './ppo-update.js';
import { collectRollout, startEpisode, type EpisodeRecord } from './rollout-collector.js';
import { initializeTensorflow } from './tf-runtime.js';

/** Progress after one update of trainOnEnvironment. */
export interface PpoUpdate {
  /** 1 for the first update. */
  readonly update: number;
  readonly policyLoss: number;
  readonly valueLoss: number;
  readonly entropy: number;
  readonly approxKl: number;
  /** Mean return of the episodes that finished in this update's rollout; NaN when none did. */
  readonly meanReward: number;
  /** Environment steps so far. */
  readonly samples: number;
  /** Episodes finished so far. */
  readonly episodes: number;
  readonly epochsRun: number;
  /** True on the last update (maxSteps reached or stopWhen said so). */
  readonly done: boolean;
}

export interface TrainOnEnvironmentOptions {
  readonly env: Environment;
  /** Fixes initial weights, episode starts, action sampling and minibatch order. */
  readonly seed: number;
  /** Environment steps to train for at most. */
  readonly maxSteps: number;
  readonly config?: Partial<PpoConfig>;
  readonly onUpdate?: (update: PpoUpdate) => void | Promise<void>;
  /** Asked after every update; true ends training (that update is then reported with done). */
  readonly stopWhen?: (update: PpoUpdate, episodes: readonly EpisodeRecord[]) => boolean;
  /** Continue training this network instead of a fresh one (its shape must fit the env). */
  readonly policy?: ActorCritic;
  /** Hears which tfjs backend runs the training. */
  readonly logger?: Logger;
}

export interface TrainingResult {
  readonly policy: ActorCritic;
  readonly updates: PpoUpdate[];
  readonly episodes: EpisodeRecord[];
}

/** Independent generator per purpose, so e.g. a longer episode does not shift the minibatch order. */
const RNG_STREAM = Object.freeze({ weights: 1, env: 2, actions: 3, minibatches: 4 });

function streamRng(seed: number, stream: number): Rng {
  return createSeededRng(Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) + Math.imul(stream, 0x85ebca6b));
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function meanReturn(episodes: readonly EpisodeRecord[]): number {
  return episodes.length === 0 ? Number.NaN : episodes.reduce((sum, episode) => sum + episode.return, 0) / episodes.length;
}

function policyFor(options: TrainOnEnvironmentOptions, config: PpoConfig): ActorCritic {
  const { env } = options;
  const policy =
    options.policy ??
    createMlpActorCritic({
      observationSize: env.observationSize,
      actionCount: env.actionCount,
      hiddenSizes: config.hiddenSizes,
      rng: streamRng(options.seed, RNG_STREAM.weights),
    });
  if (policy.shape.observationSize !== env.observationSize || policy.shape.actionCount !== env.actionCount) {
    throw new BadInputError(
      `The policy takes ${policy.shape.observationSize} numbers and ${policy.shape.actionCount} actions; ` +
        `${env.name} has ${env.observationSize} and ${env.actionCount}.`,
    );
  }
  return policy;
}

/**
 * Trains a PPO actor-critic on `env` for up to `maxSteps` environment steps, one update per
 * `stepsPerUpdate` steps. Between updates it yields to the event loop, so a server stays
 * responsive; the same seed (and config) gives the same learning curve.
 */
export async function trainOnEnvironment(options: TrainOnEnvironmentOptions): Promise<TrainingResult> {
  const { env, seed, maxSteps } = options;
  if (!Number.isInteger(maxSteps) || maxSteps < 1) {
    throw new BadInputError(`maxSteps must be a positive integer; got ${maxSteps}.`);
  }
  const config = resolvePpoConfig(options.config);
  await initializeTensorflow(options.logger);
  const policy = policyFor(options, config);
  const rngs = { env: streamRng(seed, RNG_STREAM.env), actions: streamRng(seed, RNG_STREAM.actions) };
  const minibatchRng = streamRng(seed, RNG_STREAM.minibatches);
  const optimizer = createPpoOptimizer(config.learningRate);
  const updates: PpoUpdate[] = [];
  const episodes: EpisodeRecord[] = [];
  const cursor = startEpisode(env, rngs.env);
  let samples = 0;
  try {
    for (let update = 1; samples < maxSteps; update++) {
      const steps = Math.min(config.stepsPerUpdate, maxSteps - samples);
      const { rollout, finished } = collectRollout(env, policy, cursor, steps, rngs);
      samples += steps;
      episodes.push(...finished);
      const stats = ppoUpdate(policy, rollout, config, minibatchRng, optimizer);
      const { policyLoss, valueLoss, entropy, approxKl, epochsRun } = stats;
      const progress = { update, policyLoss, valueLoss, entropy, approxKl, epochsRun, samples };
      const record: PpoUpdate = { ...progress, meanReward: meanReturn(finished), episodes: episodes.length, done: samples >= maxSteps };
      const finalRecord = record.done || options.stopWhen?.(record, episodes) === true ? { ...record, done: true } : record;
      updates.push(finalRecord);
      await options.onUpdate?.(finalRecord);
      if (finalRecord.done) {
        break;
      }
      await yieldToEventLoop();
    }
  } finally {
    optimizer.dispose();
  }
  return { policy, updates, episodes };
}
