import * as tf from '@tensorflow/tfjs';

import { BadInputError, gaussian, type Rng } from '../../shared/index.js';

import { INIT_GAIN, orthogonalMatrix } from './orthogonal-init.js';
// Loaded for its side effect: tfjs's console banner is switched off before the first tensor.
import './tf-runtime.js';

/*
 * Why so many matMuls: tfjs's pure-JS cpu backend runs a binary op whose operands broadcast
 * along an inner axis ([n, w] − [n, 1]), and every slice, transpose, tile and non-last-axis Sum
 * (the gradient of a broadcast bias), element by element through index arithmetic, many times
 * slower than an equal-shape op or a matMul. So broadcasts here are matMuls with ones, each head
 * has its own projections instead of a reshape-transpose, and softmax has its own gradient:
 * a batch-32 gradient step runs ~1.5x faster than with tf.moments, tf.softmax, transposes and
 * tile (measured interleaved, same machine); what is left is mostly matMul arithmetic.
 */

/** x·W (+ b). The adapter's projections have no bias, as in the original. */
export interface Linear {
  readonly kernel: tf.Variable;
  readonly bias: tf.Variable | null;
}

export interface LayerNorm {
  readonly gain: tf.Variable;
  readonly bias: tf.Variable;
}

/** One attention head: its own query/key/value projections to d/H and its rows of the output projection. */
interface Head {
  readonly query: Linear;
  readonly key: Linear;
  readonly value: Linear;
  readonly output: Linear;
}

export interface Attention {
  readonly heads: readonly Head[];
  readonly outputBias: tf.Variable;
}

/** fc2(GELU(fc1 x)) plus a low-rank adapter up(down(x)) added to its output. */
export interface FeedForward {
  readonly expand: Linear;
  readonly contract: Linear;
  readonly adapterDown: Linear;
  readonly adapterUp: Linear;
}

/** PyTorch's LayerNorm default, which the original used. */
const LAYER_NORM_EPSILON = 1e-5;
/** √(2/π) of GELU's tanh approximation (tfjs 4.22 has no gelu op). */
const GELU_SCALE = Math.sqrt(2 / Math.PI);
const GELU_CUBIC = 0.044715;
/**
 * The adapter's up-projection starts small rather than at LoRA's usual zero: a zero up-projection
 * would leave the down-projection's gradient exactly zero until the first step moved it.
 */
const ADAPTER_UP_GAIN = 0.1;

const sizeOf = (shape: readonly number[]): number => shape.reduce((product, size) => product * size, 1);

/** Columns [from, from + count) of a row-major rows×cols matrix. */
function columnsOf(matrix: Float32Array, rows: number, cols: number, from: number, count: number): Float32Array {
  return Float32Array.from({ length: rows * count }, (_, i) => matrix[Math.floor(i / count) * cols + from + (i % count)] ?? 0);
}

/**
 * Creates a network's variables in a fixed order from one Rng (so a seed fixes the network)
 * under names of our own: tfjs names variables uniquely per process, and a network and its
 * checkpointed copy must share weight names.
 */
export class ParameterStore {
  readonly variables: tf.Variable[] = [];
  readonly names: string[] = [];

  constructor(private readonly rng: Rng) {}

  add(name: string, shape: readonly number[], values: Float32Array): tf.Variable {
    // Inside tidy: a variable shares its initial tensor's data, and that tensor must not outlive it.
    const variable = tf.tidy(() => tf.variable(tf.tensor(values, [...shape]), true));
    this.variables.push(variable);
    this.names.push(name);
    return variable;
  }

  normal(name: string, shape: readonly number[], std: number): tf.Variable {
    return this.add(name, shape, Float32Array.from({ length: sizeOf(shape) }, () => std * gaussian(this.rng)));
  }

  constant(name: string, shape: readonly number[], value: number): tf.Variable {
    return this.add(name, shape, new Float32Array(sizeOf(shape)).fill(value));
  }

  linear(name: string, inputs: number, outputs: number, gain: number, withBias = true): Linear {
    const kernel = this.add(`${name}/kernel`, [inputs, outputs], orthogonalMatrix(inputs, outputs, gain, this.rng));
    return { kernel, bias: withBias ? this.constant(`${name}/bias`, [outputs], 0) : null };
  }

  layerNorm(name: string, width: number): LayerNorm {
    return { gain: this.constant(`${name}/gain`, [width], 1), bias: this.constant(`${name}/bias`, [width], 0) };
  }

  /** Each projection is drawn as one orthogonal d×d matrix, as the original's, then cut per head. */
  attention(name: string, width: number, heads: number): Attention {
    const headWidth = width / heads;
    const draw = (): Float32Array => orthogonalMatrix(width, width, 1, this.rng);
    const [query, key, value, output] = [draw(), draw(), draw(), draw()];
    const perHead = Array.from({ length: heads }, (_, h) => {
      const prefix = `${name}/head${h}`;
      const projection = (part: string, matrix: Float32Array): Linear => ({
        kernel: this.add(`${prefix}/${part}/kernel`, [width, headWidth], columnsOf(matrix, width, width, h * headWidth, headWidth)),
        bias: this.constant(`${prefix}/${part}/bias`, [headWidth], 0),
      });
      // The output projection's rows for this head: row-major, they are one contiguous block.
      const outputRows = output.subarray(h * headWidth * width, (h + 1) * headWidth * width);
      const out = { kernel: this.add(`${prefix}/output/kernel`, [headWidth, width], outputRows), bias: null };
      return { query: projection('query', query), key: projection('key', key), value: projection('value', value), output: out };
    });
    return { heads: perHead, outputBias: this.constant(`${name}/output/bias`, [width], 0) };
  }

  /** Hidden tanh layers (orthogonal, gain √2, as the MLP actor-critic's) and a linear head. */
  tanhMlp(name: string, inputs: number, hiddenSizes: readonly number[], outputs: number, headGain: number): Linear[] {
    const widths = [inputs, ...hiddenSizes];
    const hidden = hiddenSizes.map((size, i) => this.linear(`${name}/dense${i}`, widths[i] ?? 0, size, INIT_GAIN.hidden));
    return [...hidden, this.linear(`${name}/head`, widths.at(-1) ?? 0, outputs, headGain)];
  }

  feedForward(name: string, width: number, hiddenWidth: number, adapterRank: number): FeedForward {
    return {
      // √2 on the expansion: GELU, like ReLU, passes about half of its input's variance.
      expand: this.linear(`${name}/fc1`, width, hiddenWidth, Math.SQRT2),
      contract: this.linear(`${name}/fc2`, hiddenWidth, width, 1),
      adapterDown: this.linear(`${name}/adapter/down`, width, adapterRank, 1, false),
      adapterUp: this.linear(`${name}/adapter/up`, adapterRank, width, ADAPTER_UP_GAIN, false),
    };
  }
}

/** `values` (any shape, flattened to one row) repeated as `rows` rows: a broadcast as a matMul. */
export function repeatRows(values: tf.Tensor, rows: number): tf.Tensor2D {
  return tf.matMul(tf.ones([rows, 1]), tf.reshape(values, [1, -1]));
}

/** [n, 1] → [n, width], each row its value repeated. */
function repeatColumns(column: tf.Tensor2D, width: number): tf.Tensor2D {
  return tf.matMul(column, tf.ones([1, width]));
}

/** Each row's sum, [n, 1]. */
function rowSums(x: tf.Tensor2D): tf.Tensor2D {
  return tf.matMul(x, tf.ones([x.shape[1], 1]));
}

/** Column `index` of [n, w] as [n, 1], through a matMul with a one-hot column (see the note on top). */
function columnOf(x: tf.Tensor2D, index: number): tf.Tensor2D {
  const width = x.shape[1];
  return tf.matMul(x, tf.tensor2d(Float32Array.from({ length: width }, (_, i) => (i === index ? 1 : 0)), [width, 1]));
}

/** Softmax over each row, with its gradient y ⊙ (dy − Σ dy⊙y) written out in the same style. */
const softmaxRows = tf.customGrad((...inputs: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [logits, save] = inputs;
  if (!(logits instanceof tf.Tensor) || typeof save !== 'function' || logits.rank !== 2) {
    throw new BadInputError('softmaxRows takes one rank-2 tensor.');
  }
  const rows = logits as tf.Tensor2D;
  const width = rows.shape[1];
  const exps = tf.exp(tf.sub<tf.Tensor2D>(rows, repeatColumns(tf.max(rows, 1, true), width)));
  const value = tf.mul<tf.Tensor2D>(exps, repeatColumns(tf.reciprocal(rowSums(exps)), width));
  save([value]);
  const gradFunc = (dy: tf.Tensor2D, saved: tf.Tensor[]): tf.Tensor => {
    const y = saved[0] ?? value;
    return tf.mul(y, tf.sub(dy, repeatColumns(rowSums(tf.mul(dy, y)), width)));
  };
  return { value, gradFunc };
});

export function linear2d(layer: Linear, x: tf.Tensor2D): tf.Tensor2D {
  const product = tf.matMul<tf.Tensor2D>(x, layer.kernel);
  return layer.bias === null ? product : tf.add<tf.Tensor2D>(product, repeatRows(layer.bias, x.shape[0]));
}

export function runTanhMlp(layers: readonly Linear[], x: tf.Tensor2D): tf.Tensor2D {
  const last = layers.length - 1;
  return layers.reduce((activation, layer, i) => (i === last ? linear2d(layer, activation) : tf.tanh(linear2d(layer, activation))), x);
}

/** Over the last axis of [batch, tokens, in], folded to one 2-D matMul. */
export function linear3d(layer: Linear, x: tf.Tensor3D): tf.Tensor3D {
  const [batch, tokens, inputs] = x.shape;
  const flat = linear2d(layer, tf.reshape<tf.Rank.R2>(x, [batch * tokens, inputs]));
  return tf.reshape<tf.Rank.R3>(flat, [batch, tokens, flat.shape[1]]);
}

/** Normalizes each token over its features, then applies the learned gain and bias. */
export function layerNorm(norm: LayerNorm, x: tf.Tensor3D): tf.Tensor3D {
  const [batch, tokens, width] = x.shape;
  const rows = tf.reshape<tf.Rank.R2>(x, [batch * tokens, width]);
  const centered = tf.sub<tf.Tensor2D>(rows, repeatColumns(tf.div(rowSums(rows), width), width));
  const variance = tf.div<tf.Tensor2D>(rowSums(tf.square(centered)), width);
  const normalized = tf.mul(centered, repeatColumns(tf.rsqrt(tf.add<tf.Tensor2D>(variance, LAYER_NORM_EPSILON)), width));
  const affine = tf.add(tf.mul(normalized, repeatRows(norm.gain, rows.shape[0])), repeatRows(norm.bias, rows.shape[0]));
  return tf.reshape<tf.Rank.R3>(affine, [batch, tokens, width]);
}

/**
 * GELU, tanh approximation 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), written as the identical
 * x·sigmoid(2·√(2/π)·(x + 0.044715·x³)) (since 0.5·(1 + tanh z) = sigmoid(2z)): fewer elementwise
 * ops, which cost as much as this layer's matMuls on the cpu backend.
 */
export function gelu(x: tf.Tensor3D): tf.Tensor3D {
  const inner = tf.mul(x, tf.add(2 * GELU_SCALE, tf.mul(2 * GELU_SCALE * GELU_CUBIC, tf.square(x))));
  return tf.mul<tf.Tensor3D>(x, tf.sigmoid(inner));
}

/**
 * softmax(Q·Kᵀ/√(d/H))·V per head, through the output projection. `gates` ([batch, heads], in
 * (0, 1)) scale each head's attention weights after the softmax, as the original's motif gating
 * does: a closing gate turns the head down instead of re-spreading its attention.
 */
export function attend(attention: Attention, queries: tf.Tensor3D, memory: tf.Tensor3D, gates: tf.Tensor2D | null): tf.Tensor3D {
  const [batch, queryCount] = queries.shape;
  const keyCount = memory.shape[1];
  const outputs = attention.heads.map((head, h) => {
    const q = linear3d(head.query, queries);
    const scores = tf.matMul<tf.Tensor3D>(q, linear3d(head.key, memory), false, true);
    const weights = softmaxRows(tf.mul(tf.reshape(scores, [batch * queryCount, keyCount]), 1 / Math.sqrt(q.shape[2])));
    const gated = gates === null ? weights : tf.mul(weights, tf.reshape(repeatColumns(columnOf(gates, h), queryCount * keyCount), weights.shape));
    const mixed = tf.matMul<tf.Tensor3D>(tf.reshape(gated, [batch, queryCount, keyCount]), linear3d(head.value, memory));
    return linear3d(head.output, mixed);
  });
  const bias = tf.reshape<tf.Rank.R3>(repeatRows(attention.outputBias, batch * queryCount), [batch, queryCount, -1]);
  return tf.addN<tf.Tensor3D>([...outputs, bias]);
}

export function feedForward(ffn: FeedForward, x: tf.Tensor3D): tf.Tensor3D {
  const main = linear3d(ffn.contract, gelu(linear3d(ffn.expand, x)));
  return tf.add<tf.Tensor3D>(main, linear3d(ffn.adapterUp, linear3d(ffn.adapterDown, x)));
}
