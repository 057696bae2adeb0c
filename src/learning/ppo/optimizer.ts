import * as tf from '@tensorflow/tfjs';

/**
 * Adam's ε as PPO implementations customarily set it (1e-5, as in the OpenAI baselines and
 * Stable-Baselines3 PPO) instead of tfjs's float32 default of 1e-7, which lets steps on
 * near-zero second moments grow large.
 */
const ADAM_EPSILON = 1e-5;
const ADAM_BETA1 = 0.9;
const ADAM_BETA2 = 0.999;

/** tfjs's Adam reads its step size on every apply; this only makes it settable. */
class AdjustableAdam extends tf.AdamOptimizer {
  setLearningRate(learningRate: number): void {
    this.learningRate = learningRate;
  }
}

/**
 * The optimizer state of one learner. Keep one per policy across `ppoUpdate` calls: Adam's
 * moment estimates are part of what makes successive updates behave.
 */
export interface PpoOptimizer {
  readonly optimizer: tf.Optimizer;
  setLearningRate(learningRate: number): void;
  /** Frees Adam's moment variables. */
  dispose(): void;
}

export function createPpoOptimizer(learningRate: number): PpoOptimizer {
  const adam = new AdjustableAdam(learningRate, ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON);
  return {
    optimizer: adam,
    setLearningRate: (rate) => adam.setLearningRate(rate),
    dispose: () => adam.dispose(),
  };
}
