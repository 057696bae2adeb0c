import * as tf from '@tensorflow/tfjs';

import { BadInputError, type Rng } from '../../shared/index.js';

import type { ActorCritic, NetworkShape } from './actor-critic.js';
import { INIT_GAIN, orthogonalMatrix } from './orthogonal-init.js';
import { TensorActorCritic } from './tensor-actor-critic.js';
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

class MlpActorCritic extends TensorActorCritic {
  constructor(
    shape: NetworkShape,
    private readonly actor: readonly DenseLayer[],
    private readonly critic: readonly DenseLayer[],
    variables: readonly tf.Variable[],
    names: readonly string[],
  ) {
    super(shape, variables, names);
  }

  protected policyLogits(observations: tf.Tensor2D): tf.Tensor2D {
    return runTrunk(this.actor, observations);
  }

  protected stateValues(observations: tf.Tensor2D): tf.Tensor2D {
    return runTrunk(this.critic, observations);
  }
}
