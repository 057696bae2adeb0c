import type * as tf from '@tensorflow/tfjs';

import type { Rng } from '../../shared/index.js';

import { logSoftmax } from './kernels.js';

/** One decision: the sampled action with what the trainer records about it. */
export interface ActResult {
  readonly action: number;
  /** log π(action | observation), recorded as the "old" log-probability for the ratio. */
  readonly logProb: number;
  /** V(observation). */
  readonly value: number;
  /** π(· | observation), length actionCount. */
  readonly probabilities: Float32Array;
}

/** The network's view of one observation, without sampling. */
export interface Prediction {
  readonly probabilities: Float32Array;
  readonly value: number;
}

/** A minibatch for the differentiable pass. */
export interface EvaluateBatch {
  /** [batch, observationSize]. */
  readonly observations: tf.Tensor2D;
  /** [batch], int32. */
  readonly actions: tf.Tensor1D;
}

/** The differentiable outputs the PPO loss is built from; call inside tf.tidy or variableGrads. */
export interface Evaluation {
  /** [batch, actionCount]. */
  readonly logits: tf.Tensor2D;
  /** log π(a|s) of the batch's actions, [batch]. */
  readonly logProbs: tf.Tensor1D;
  /** Entropy of π(·|s) per sample, [batch]. */
  readonly entropy: tf.Tensor1D;
  /** V(s), [batch]. */
  readonly values: tf.Tensor1D;
}

/** Enough to rebuild the same network from a checkpoint. */
export interface NetworkShape {
  /** Which implementation, e.g. 'mlp-separate-trunks'; checkpoints refuse a mismatch. */
  readonly architecture: string;
  readonly observationSize: number;
  readonly actionCount: number;
  readonly hiddenSizes: readonly number[];
}

/** One weight tensor as plain numbers (row-major), named so loading can match it up. */
export interface WeightTensor {
  readonly name: string;
  readonly shape: readonly number[];
  readonly values: Float32Array;
}

/**
 * A policy π(a|s) over discrete actions and a value V(s), behind a small surface so the trainer
 * does not care whether an MLP or something else computes them.
 */
export interface ActorCritic {
  readonly shape: NetworkShape;
  /** Samples an action from π(·|observation) with `rng`. */
  act(observation: Float32Array, rng: Rng): ActResult;
  predict(observation: Float32Array): Prediction;
  evaluate(batch: EvaluateBatch): Evaluation;
  /** The tensors the optimizer updates. */
  trainableVariables(): tf.Variable[];
  getWeights(): WeightTensor[];
  /** Replaces every weight; names and shapes must match `getWeights()`. */
  setWeights(weights: readonly WeightTensor[]): void;
  /** Frees the variables; the network is unusable afterwards. */
  dispose(): void;
}

/** Probabilities and log-probabilities of a row of logits, in float64 for the sampler. */
export function distributionOf(logits: ArrayLike<number>): { probabilities: Float32Array; logProbs: number[] } {
  const logProbs = logSoftmax(logits);
  return { probabilities: Float32Array.from(logProbs, (logProb) => Math.exp(logProb)), logProbs };
}

/**
 * Inverse-CDF sampling from a categorical given by its log-probabilities. Rounding can leave the
 * cumulative sum a hair under 1, so the last action with any probability catches the remainder.
 */
export function sampleCategorical(logProbs: readonly number[], rng: Rng): number {
  const target = rng.next();
  let cumulative = 0;
  let lastPossible = 0;
  for (let action = 0; action < logProbs.length; action++) {
    const probability = Math.exp(logProbs[action] ?? -Infinity);
    if (probability > 0) {
      lastPossible = action;
    }
    cumulative += probability;
    if (target < cumulative) {
      return action;
    }
  }
  return lastPossible;
}
