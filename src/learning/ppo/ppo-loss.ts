import * as tf from '@tensorflow/tfjs';

import type { Evaluation } from './actor-critic.js';
import type { LossCoefficients } from './kernels.js';

/** The rollout's records for one minibatch, as tensors. */
export interface LossTargets {
  /** log π_old(a|s), [batch]. */
  readonly oldLogProbs: tf.Tensor1D;
  /** Normalized advantages, [batch]. */
  readonly advantages: tf.Tensor1D;
  /** GAE returns (value targets), [batch]. */
  readonly returns: tf.Tensor1D;
}

export interface LossTensors {
  readonly total: tf.Scalar;
  readonly policyLoss: tf.Scalar;
  readonly valueLoss: tf.Scalar;
  readonly entropy: tf.Scalar;
  readonly approxKl: tf.Scalar;
}

/**
 * The PPO loss on tensors, term for term the formulas of `ppoLoss` in kernels.ts (the unit tests
 * hold the two equal): clipped surrogate, squared-error value loss, mean entropy, and the
 * (ρ − 1) − log ρ approximate KL. Call inside tf.tidy or tf.variableGrads.
 */
export function ppoLossTensors(evaluation: Evaluation, targets: LossTargets, coefficients: LossCoefficients): LossTensors {
  const logRatio = tf.sub(evaluation.logProbs, targets.oldLogProbs);
  const ratio = tf.exp(logRatio);
  const unclipped = tf.mul(ratio, targets.advantages);
  const clippedRatio = tf.clipByValue(ratio, 1 - coefficients.clipRange, 1 + coefficients.clipRange);
  const clipped = tf.mul(clippedRatio, targets.advantages);
  const policyLoss = tf.neg(tf.mean<tf.Scalar>(tf.minimum(unclipped, clipped)));
  const valueLoss = tf.mean<tf.Scalar>(tf.squaredDifference(evaluation.values, targets.returns));
  const entropy = tf.mean<tf.Scalar>(evaluation.entropy);
  const approxKl = tf.mean<tf.Scalar>(tf.sub(tf.expm1(logRatio), logRatio));
  const total = tf.sub<tf.Scalar>(
    tf.add(policyLoss, tf.mul(coefficients.valueCoef, valueLoss)),
    tf.mul(coefficients.entropyCoef, entropy),
  );
  return { total, policyLoss, valueLoss, entropy, approxKl };
}
