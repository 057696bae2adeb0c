import * as tf from '@tensorflow/tfjs';

import { BadInputError, type Rng } from '../../shared/index.js';

import {
  distributionOf,
  sampleCategorical,
  type ActorCritic,
  type ActResult,
  type EvaluateBatch,
  type Evaluation,
  type NetworkShape,
  type Prediction,
  type WeightTensor,
} from './actor-critic.js';

const sizeOf = (shape: readonly number[]): number => shape.reduce((product, size) => product * size, 1);

/**
 * What every tfjs actor-critic shares: sampling, the differentiable batch pass, and named
 * weights. A subclass supplies its two forward passes and its variables, named so that a network
 * and its checkpointed copy (tfjs names variables uniquely per process) match weight for weight.
 */
export abstract class TensorActorCritic implements ActorCritic {
  protected constructor(
    readonly shape: NetworkShape,
    private readonly variables: readonly tf.Variable[],
    private readonly names: readonly string[],
  ) {}

  /** [batch, actionCount] logits; called inside tf.tidy or variableGrads. */
  protected abstract policyLogits(observations: tf.Tensor2D): tf.Tensor2D;

  /** [batch, 1] state values; called inside tf.tidy or variableGrads. */
  protected abstract stateValues(observations: tf.Tensor2D): tf.Tensor2D;

  act(observation: Float32Array, rng: Rng): ActResult {
    const { logits, value } = this.forwardOne(observation);
    const { probabilities, logProbs } = distributionOf(logits);
    const action = sampleCategorical(logProbs, rng);
    return { action, logProb: logProbs[action] ?? -Infinity, value, probabilities };
  }

  predict(observation: Float32Array): Prediction {
    const { logits, value } = this.forwardOne(observation);
    return { probabilities: distributionOf(logits).probabilities, value };
  }

  evaluate({ observations, actions }: EvaluateBatch): Evaluation {
    const logits = this.policyLogits(observations);
    const values = tf.reshape<tf.Rank.R1>(this.stateValues(observations), [-1]);
    const logProbsAll = tf.logSoftmax(logits);
    const chosen = tf.oneHot(tf.cast(actions, 'int32'), this.shape.actionCount);
    const logProbs = tf.sum<tf.Tensor1D>(tf.mul(logProbsAll, chosen), 1);
    const entropy = tf.neg(tf.sum<tf.Tensor1D>(tf.mul(tf.exp(logProbsAll), logProbsAll), 1));
    return { logits, logProbs, entropy, values };
  }

  trainableVariables(): tf.Variable[] {
    return [...this.variables];
  }

  getWeights(): WeightTensor[] {
    return this.variables.map((variable, i) => ({
      name: this.names[i] ?? '',
      shape: [...variable.shape],
      values: Float32Array.from(variable.dataSync()),
    }));
  }

  /** Assigns every variable its weight by name; checks all of them before assigning any. */
  setWeights(weights: readonly WeightTensor[]): void {
    const byName = new Map(weights.map((weight) => [weight.name, weight]));
    const replacements = this.variables.map((variable, i) => {
      const name = this.names[i] ?? '';
      const weight = byName.get(name);
      if (weight?.shape.join('x') !== variable.shape.join('x') || weight.values.length !== sizeOf(variable.shape)) {
        throw new BadInputError(`Weight "${name}" is missing or not shaped [${variable.shape.join(', ')}].`);
      }
      return weight.values;
    });
    if (weights.length !== this.variables.length) {
      throw new BadInputError(`Expected ${this.variables.length} weight tensors; got ${weights.length}.`);
    }
    tf.tidy(() => {
      this.variables.forEach((variable, i) => variable.assign(tf.tensor(replacements[i] ?? [], variable.shape)));
    });
  }

  dispose(): void {
    tf.dispose([...this.variables]);
  }

  private forwardOne(observation: Float32Array): { logits: Float32Array; value: number } {
    if (observation.length !== this.shape.observationSize) {
      throw new BadInputError(`Expected an observation of ${this.shape.observationSize} numbers; got ${observation.length}.`);
    }
    const [logitsTensor, valueTensor] = tf.tidy(() => {
      const input = tf.tensor2d(observation, [1, this.shape.observationSize]);
      return [this.policyLogits(input), this.stateValues(input)];
    });
    const logits = Float32Array.from(logitsTensor.dataSync());
    const value = valueTensor.dataSync()[0] ?? 0;
    tf.dispose([logitsTensor, valueTensor]);
    return { logits, value };
  }
}
