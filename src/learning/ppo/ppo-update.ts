import * as tf from '@tensorflow/tfjs';

import { BadInputError, type Rng } from '../../shared/index.js';

import type { ActorCritic } from './actor-critic.js';
import type { PpoConfig } from './config.js';
import { computeGae, normalizeAdvantages } from './kernels.js';
import { createPpoOptimizer, type PpoOptimizer } from './optimizer.js';
import { ppoLossTensors } from './ppo-loss.js';
import { checkRollout, type Rollout } from './rollout.js';

/** What one update did, averaged over the minibatches it measured. */
export interface PpoUpdateStats {
  readonly policyLoss: number;
  readonly valueLoss: number;
  readonly entropy: number;
  readonly approxKl: number;
  /** Epochs in which at least one gradient step was taken. */
  readonly epochsRun: number;
  readonly gradientSteps: number;
  /** True when a minibatch's approximate KL passed targetKl and ended the update. */
  readonly stoppedEarly: boolean;
}

interface RolloutTensors {
  readonly observations: tf.Tensor2D;
  readonly actions: tf.Tensor1D;
  readonly oldLogProbs: tf.Tensor1D;
  readonly returns: tf.Tensor1D;
}

/** Keeps the division finite when every gradient is zero. */
const NORM_EPSILON = 1e-6;

/** Scales all gradients together so their joint L2 norm is at most maxNorm (directions kept). */
function clipByGlobalNorm(grads: tf.NamedTensorMap, maxNorm: number): tf.NamedTensorMap {
  const squaredNorms = Object.values(grads).map((gradient) => tf.sum(tf.square(gradient)));
  const norm = tf.sqrt(tf.addN(squaredNorms));
  const scale = tf.minimum(1, tf.div(maxNorm, tf.add(norm, NORM_EPSILON)));
  return Object.fromEntries(Object.entries(grads).map(([name, gradient]) => [name, tf.mul(gradient, scale)]));
}

function shuffledIndices(count: number, rng: Rng): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [order[i], order[j]] = [order[j] ?? j, order[i] ?? i];
  }
  return order;
}

/** [policyLoss, valueLoss, entropy, approxKl] of a minibatch, measured before its step. */
type MinibatchStats = readonly [number, number, number, number];
const KL_INDEX = 3;

/**
 * One gradient step on the samples at `indices`, unless the policy has already moved more than
 * targetKl from the rollout's (then the step is skipped and the caller stops the update).
 */
function minibatchStep(
  policy: ActorCritic,
  tensors: RolloutTensors,
  indices: readonly number[],
  advantages: readonly number[],
  config: PpoConfig,
  optimizer: PpoOptimizer,
): { stats: MinibatchStats; applied: boolean } {
  // Per-minibatch normalization, as the reference implementations do, with the pure kernel.
  const normalized = normalizeAdvantages(indices.map((i) => advantages[i] ?? 0));
  const measured: { stats?: tf.Tensor } = {};
  let stats: MinibatchStats = [0, 0, 0, 0];
  let applied = false;
  tf.tidy(() => {
    const rows = tf.tensor1d(Int32Array.from(indices), 'int32');
    const batch = { observations: tf.gather(tensors.observations, rows), actions: tf.gather(tensors.actions, rows) };
    const targets = {
      oldLogProbs: tf.gather(tensors.oldLogProbs, rows),
      advantages: tf.tensor1d(normalized),
      returns: tf.gather(tensors.returns, rows),
    };
    const { grads } = tf.variableGrads(() => {
      const terms = ppoLossTensors(policy.evaluate(batch), targets, config);
      measured.stats = tf.keep(tf.stack([terms.policyLoss, terms.valueLoss, terms.entropy, terms.approxKl]));
      return terms.total;
    }, policy.trainableVariables());
    const values = measured.stats?.dataSync() ?? [];
    stats = [values[0] ?? 0, values[1] ?? 0, values[2] ?? 0, values[KL_INDEX] ?? 0];
    if (stats[KL_INDEX] <= config.targetKl) {
      optimizer.optimizer.applyGradients(clipByGlobalNorm(grads, config.maxGradNorm));
      applied = true;
    }
  });
  measured.stats?.dispose();
  return { stats, applied };
}

function createRolloutTensors(rollout: Rollout, steps: number, returns: readonly number[]): RolloutTensors {
  return {
    observations: tf.tensor2d(rollout.observations, [steps, rollout.observationSize]),
    actions: tf.tensor1d(Int32Array.from(rollout.actions), 'int32'),
    oldLogProbs: tf.tensor1d(Float32Array.from(rollout.logProbs)),
    returns: tf.tensor1d(Float32Array.from(returns)),
  };
}

function runEpochs(
  policy: ActorCritic,
  tensors: RolloutTensors,
  advantages: readonly number[],
  config: PpoConfig,
  rng: Rng,
  optimizer: PpoOptimizer,
): PpoUpdateStats {
  const sums = [0, 0, 0, 0];
  let measuredCount = 0;
  let gradientSteps = 0;
  let epochsRun = 0;
  let stoppedEarly = false;
  for (let epoch = 0; epoch < config.epochs && !stoppedEarly; epoch++) {
    const order = shuffledIndices(advantages.length, rng);
    const stepsBefore = gradientSteps;
    for (let start = 0; start < order.length && !stoppedEarly; start += config.minibatchSize) {
      const indices = order.slice(start, start + config.minibatchSize);
      const { stats, applied } = minibatchStep(policy, tensors, indices, advantages, config, optimizer);
      stats.forEach((value, i) => (sums[i] = (sums[i] ?? 0) + value));
      measuredCount += 1;
      gradientSteps += applied ? 1 : 0;
      stoppedEarly = !applied;
    }
    epochsRun += gradientSteps > stepsBefore ? 1 : 0;
  }
  const average = (i: number): number => (sums[i] ?? 0) / Math.max(measuredCount, 1);
  return {
    policyLoss: average(0),
    valueLoss: average(1),
    entropy: average(2),
    approxKl: average(KL_INDEX),
    epochsRun,
    gradientSteps,
    stoppedEarly,
  };
}

/**
 * Trains `policy` on an already collected batch: GAE over the rollout, then `epochs` passes of
 * shuffled minibatches, each a clipped-surrogate step with gradients clipped to maxGradNorm.
 * The KL early stop is checked per minibatch, before its step: once the policy has drifted past
 * targetKl the remaining minibatches and epochs are skipped.
 *
 * Pass the same `optimizer` on every call for a long-lived learner (its learning rate is set to
 * config.learningRate here); without one, a fresh Adam is made and freed inside this call.
 * Synchronous: it holds the event loop for one update's compute.
 */
export function ppoUpdate(policy: ActorCritic, rollout: Rollout, config: PpoConfig, rng: Rng, optimizer?: PpoOptimizer): PpoUpdateStats {
  const steps = checkRollout(rollout, policy.shape.actionCount);
  if (rollout.observationSize !== policy.shape.observationSize) {
    throw new BadInputError(`Rollout observations have ${rollout.observationSize} numbers; the policy expects ${policy.shape.observationSize}.`);
  }
  const { advantages, returns } = computeGae(rollout, config.gamma, config.lambda);
  const learner = optimizer ?? createPpoOptimizer(config.learningRate);
  learner.setLearningRate(config.learningRate);
  const tensors = createRolloutTensors(rollout, steps, returns);
  try {
    return runEpochs(policy, tensors, advantages, config, rng, learner);
  } finally {
    tf.dispose(Object.values(tensors));
    if (optimizer === undefined) {
      learner.dispose();
    }
  }
}
