import * as tf from '@tensorflow/tfjs';

import { BadInputError, type Rng } from '../../shared/index.js';

import {
  distributionOf,
  sampleCategorical,
  type ActorCritic,
  type EvaluateBatch,
  type Evaluation,
  type NetworkShape,
  type WeightTensor,
} from './actor-critic.js';
import { INIT_GAIN, orthogonalMatrix } from './orthogonal-init.js';
// Loaded for its side effect: tfjs's console banner is switched off before the first tensor.
import './tf-runtime.js';

/**
 * Two separate tanh MLP trunks, one for the policy logits and one for the value. Separate,
 * because the value targets here are unnormalized returns (up to ~100 on CartPole with γ 0.99):
 * in a shared trunk their squared errors dominate the gradient and reshape the features the
 * policy relies on, which the usual fix (a tuned valueCoef per task) would push onto callers.
 */
export const MLP_ARCHITECTURE = 'mlp-separate-trunks-tanh';

interface DenseLayer {
  readonly name: string;
  readonly kernel: tf.Variable;
  readonly bias: tf.Variable;
  readonly squash: boolean;
}

interface LayerSpec {
  readonly name: string;
  readonly inputs: number;
  readonly outputs: number;
  readonly gain: number;
  readonly squash: boolean;
}

function trunkSpecs(prefix: string, shape: NetworkShape, outputs: number, headGain: number): LayerSpec[] {
  const widths = [shape.observationSize, ...shape.hiddenSizes];
  const hidden = shape.hiddenSizes.map((width, i) => ({
    name: `${prefix}/dense${i}`,
    inputs: widths[i] ?? 0,
    outputs: width,
    gain: INIT_GAIN.hidden,
    squash: true,
  }));
  const head = { name: `${prefix}/head`, inputs: widths.at(-1) ?? 0, outputs, gain: headGain, squash: false };
  return [...hidden, head];
}

function createLayer(spec: LayerSpec, rng: Rng): DenseLayer {
  const initial = orthogonalMatrix(spec.inputs, spec.outputs, spec.gain, rng);
  // tfjs names variables uniquely per process; our names live beside them so that two networks
  // (or a network and its checkpointed copy) share the same weight names.
  // Inside tidy: a variable shares its initial tensor's data, and that tensor must not outlive it.
  return tf.tidy(() => ({
    name: spec.name,
    kernel: tf.variable(tf.tensor2d(initial, [spec.inputs, spec.outputs]), true),
    bias: tf.variable(tf.zeros([spec.outputs]), true),
    squash: spec.squash,
  }));
}

function runTrunk(layers: readonly DenseLayer[], input: tf.Tensor2D): tf.Tensor2D {
  return layers.reduce((activation, layer) => {
    const affine = tf.add<tf.Tensor2D>(tf.matMul(activation, layer.kernel), layer.bias);
    return layer.squash ? tf.tanh(affine) : affine;
  }, input);
}

function checkShape(shape: NetworkShape): void {
  const sizes = [shape.observationSize, shape.actionCount, ...shape.hiddenSizes];
  if (!sizes.every((size) => Number.isInteger(size) && size > 0) || shape.actionCount < 2) {
    throw new BadInputError(`Invalid actor-critic shape ${JSON.stringify(shape)}.`);
  }
}

export interface MlpActorCriticOptions {
  readonly observationSize: number;
  readonly actionCount: number;
  readonly hiddenSizes: readonly number[];
  /** Draws the initial weights; the same seed gives the same network. */
  readonly rng: Rng;
}

/** An MLP actor-critic with orthogonally initialized weights (see MLP_ARCHITECTURE for why two trunks). */
export function createMlpActorCritic(options: MlpActorCriticOptions): ActorCritic {
  const shape: NetworkShape = {
    architecture: MLP_ARCHITECTURE,
    observationSize: options.observationSize,
    actionCount: options.actionCount,
    hiddenSizes: [...options.hiddenSizes],
  };
  checkShape(shape);
  const actor = trunkSpecs('actor', shape, shape.actionCount, INIT_GAIN.policyHead).map((spec) => createLayer(spec, options.rng));
  const critic = trunkSpecs('critic', shape, 1, INIT_GAIN.valueHead).map((spec) => createLayer(spec, options.rng));
  const layers = [...actor, ...critic];
  const variables = layers.flatMap((layer) => [layer.kernel, layer.bias]);
  const names = layers.flatMap((layer) => [`${layer.name}/kernel`, `${layer.name}/bias`]);
  return new MlpActorCritic(shape, actor, critic, variables, names);
}

class MlpActorCritic implements ActorCritic {
  constructor(
    readonly shape: NetworkShape,
    private readonly actor: readonly DenseLayer[],
    private readonly critic: readonly DenseLayer[],
    private readonly variables: tf.Variable[],
    private readonly names: readonly string[],
  ) {}

  act(observation: Float32Array, rng: Rng) {
    const { logits, value } = this.forwardOne(observation);
    const { probabilities, logProbs } = distributionOf(logits);
    const action = sampleCategorical(logProbs, rng);
    return { action, logProb: logProbs[action] ?? -Infinity, value, probabilities };
  }

  predict(observation: Float32Array) {
    const { logits, value } = this.forwardOne(observation);
    return { probabilities: distributionOf(logits).probabilities, value };
  }

  evaluate({ observations, actions }: EvaluateBatch): Evaluation {
    const logits = runTrunk(this.actor, observations);
    const values = tf.reshape<tf.Rank.R1>(runTrunk(this.critic, observations), [-1]);
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

  setWeights(weights: readonly WeightTensor[]): void {
    const byName = new Map(weights.map((weight) => [weight.name, weight]));
    const replacements = this.variables.map((variable, i) => {
      const name = this.names[i] ?? '';
      const weight = byName.get(name);
      const expected = variable.shape.reduce((product, size) => product * size, 1);
      if (weight?.shape.join('x') !== variable.shape.join('x') || weight.values.length !== expected) {
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
    tf.dispose(this.variables);
  }

  private forwardOne(observation: Float32Array): { logits: Float32Array; value: number } {
    if (observation.length !== this.shape.observationSize) {
      throw new BadInputError(`Expected an observation of ${this.shape.observationSize} numbers; got ${observation.length}.`);
    }
    const [logitsTensor, valueTensor] = tf.tidy(() => {
      const input = tf.tensor2d(observation, [1, this.shape.observationSize]);
      return [runTrunk(this.actor, input), runTrunk(this.critic, input)];
    });
    const logits = Float32Array.from(logitsTensor.dataSync());
    const value = valueTensor.dataSync()[0] ?? 0;
    tf.dispose([logitsTensor, valueTensor]);
    return { logits, value };
  }
}
