import * as tf from '@tensorflow/tfjs';

import { BadInputError, type Rng } from '../../shared/index.js';
import { OBSERVATION_LAYOUT, OBSERVATION_SIZE } from '../encoding/index.js';

import type { ActorCritic, NetworkShape } from './actor-critic.js';
import {
  attend,
  feedForward,
  layerNorm,
  linear2d,
  linear3d,
  ParameterStore,
  repeatRows,
  runTanhMlp,
  type Attention,
  type FeedForward,
  type LayerNorm,
  type Linear,
} from './latent-attention-layers.js';
import { INIT_GAIN } from './orthogonal-init.js';
import { TensorActorCritic } from './tensor-actor-critic.js';
// Loaded for its side effect: tfjs's console banner is switched off before the first tensor.
import './tf-runtime.js';

/**
 * A sized-down port of the original's NeuralCore: learned latent tokens cross-attend to memory
 * tokens built from the observation, then attend to each other with heads gated by the detected
 * motifs, then pass a GELU feed-forward with a low-rank adapter; their mean gives the logits.
 * The value comes from a separate tanh MLP on the raw observation, for the reason the MLP's
 * architecture note gives (unnormalized value targets would reshape a shared trunk).
 */
export const LATENT_ATTENTION_ARCHITECTURE = 'latent-attention-v1';

/** Sized for a CPU backend and a few thousand training episodes; the original used far more. */
export const LATENT_ATTENTION_DEFAULTS = Object.freeze({
  width: 32,
  heads: 2,
  layers: 1,
  latents: 8,
  adapterRank: 8,
  criticHiddenSizes: Object.freeze([64, 64]),
});

/** Embedding numbers per memory token: the 96-dim block becomes 6 tokens. */
const EMBEDDING_CHUNK = 16;
const CHUNK_COUNT = OBSERVATION_LAYOUT.embedding.length / EMBEDDING_CHUNK;
/** The blocks the single stats token summarizes. */
const STATS_BLOCKS = [OBSERVATION_LAYOUT.retrieval, OBSERVATION_LAYOUT.spectral, OBSERVATION_LAYOUT.pattern];
const STATS_LENGTH = STATS_BLOCKS.reduce((sum, block) => sum + block.length, 0);
/**
 * Chunk positions start small: a chunk of a unit-length 96-dim embedding has norm ~0.4, and
 * positions at the latents' 1/√d scale (norm ~1) would drown the content the policy must read.
 */
const POSITION_STD = 0.02;

export interface LatentAttentionActorCriticOptions {
  /** Must be OBSERVATION_SIZE: the memory tokens are cut along the observation layout. */
  readonly observationSize: number;
  readonly actionCount: number;
  /** Draws the initial weights; the same seed gives the same network. */
  readonly rng: Rng;
  /** Model width d. @default 32 */
  readonly width?: number;
  /** Attention heads; must divide width. @default 2 */
  readonly heads?: number;
  /** Blocks. @default 1 */
  readonly layers?: number;
  /** Learned latent tokens. @default 8 */
  readonly latents?: number;
  /** Rank of the feed-forward adapter. @default 8 */
  readonly adapterRank?: number;
  /** Feed-forward hidden width. @default 4·width */
  readonly feedForwardWidth?: number;
  /** The critic MLP's hidden widths (recorded as the shape's hiddenSizes). @default [64, 64] */
  readonly criticHiddenSizes?: readonly number[];
}

/**
 * A 0/1 [OBSERVATION_SIZE, Σ lengths] matrix: observations times it are those blocks' columns.
 * A matMul, because a column slice runs element by element on tfjs's cpu backend.
 */
function selector(blocks: readonly { readonly offset: number; readonly length: number }[]): Float32Array {
  const width = blocks.reduce((sum, block) => sum + block.length, 0);
  const matrix = new Float32Array(OBSERVATION_SIZE * width);
  let column = 0;
  for (const block of blocks) {
    for (let i = 0; i < block.length; i++, column++) {
      matrix[(block.offset + i) * width + column] = 1;
    }
  }
  return matrix;
}

const SELECT = {
  embedding: selector([OBSERVATION_LAYOUT.embedding]),
  motifs: selector([OBSERVATION_LAYOUT.motifs]),
  stats: selector(STATS_BLOCKS),
};

function select(observations: tf.Tensor2D, matrix: Float32Array): tf.Tensor2D {
  return tf.matMul(observations, tf.tensor2d(matrix, [OBSERVATION_SIZE, matrix.length / OBSERVATION_SIZE]));
}

type TrunkSizes = Required<Omit<LatentAttentionActorCriticOptions, 'rng' | 'criticHiddenSizes'>>;

interface Block {
  readonly crossNorm: LayerNorm;
  readonly cross: Attention;
  readonly selfNorm: LayerNorm;
  /** Motifs → one gate logit per head. */
  readonly gate: Linear;
  readonly self: Attention;
  readonly ffnNorm: LayerNorm;
  readonly ffn: FeedForward;
}

interface Trunk {
  readonly latents: tf.Variable;
  readonly chunk: Linear;
  readonly positions: tf.Variable;
  readonly stats: Linear;
  readonly blocks: readonly Block[];
  readonly readout: Linear;
  readonly head: Linear;
  readonly tokens: number;
  readonly width: number;
}

function createBlock(store: ParameterStore, name: string, sizes: TrunkSizes): Block {
  const { width, heads } = sizes;
  return {
    crossNorm: store.layerNorm(`${name}/crossNorm`, width),
    cross: store.attention(`${name}/cross`, width, heads),
    selfNorm: store.layerNorm(`${name}/selfNorm`, width),
    gate: store.linear(`${name}/gate`, OBSERVATION_LAYOUT.motifs.length, heads, 1),
    self: store.attention(`${name}/self`, width, heads),
    ffnNorm: store.layerNorm(`${name}/ffnNorm`, width),
    ffn: store.feedForward(`${name}/ffn`, width, sizes.feedForwardWidth, sizes.adapterRank),
  };
}

function createTrunk(store: ParameterStore, sizes: TrunkSizes, actionCount: number): Trunk {
  const { width } = sizes;
  return {
    latents: store.normal('actor/latents', [sizes.latents, width], 1 / Math.sqrt(width)),
    chunk: store.linear('actor/memory/chunk', EMBEDDING_CHUNK, width, 1),
    positions: store.normal('actor/memory/positions', [CHUNK_COUNT, width], POSITION_STD),
    stats: store.linear('actor/memory/stats', STATS_LENGTH, width, 1),
    blocks: Array.from({ length: sizes.layers }, (_, i) => createBlock(store, `actor/block${i}`, sizes)),
    readout: store.linear('actor/readout', width, width, 1),
    // Small gain: near-uniform initial probabilities, so early updates explore every action.
    head: store.linear('actor/head', width, actionCount, INIT_GAIN.policyHead),
    tokens: sizes.latents,
    width,
  };
}

/** [batch, 7, d]: six projected embedding chunks (plus their positions), then the stats token. */
function memoryTokens(trunk: Trunk, observations: tf.Tensor2D): tf.Tensor3D {
  const batch = observations.shape[0];
  const chunks = tf.reshape<tf.Rank.R3>(select(observations, SELECT.embedding), [batch, CHUNK_COUNT, EMBEDDING_CHUNK]);
  const projected = linear3d(trunk.chunk, chunks);
  const content = tf.add<tf.Tensor3D>(projected, tf.reshape(repeatRows(trunk.positions, batch), projected.shape));
  const statsToken = tf.expandDims<tf.Tensor3D>(linear2d(trunk.stats, select(observations, SELECT.stats)), 1);
  return tf.concat([content, statsToken], 1);
}

/** Pre-LayerNorm residual block: cross-attention, motif-gated self-attention, feed-forward. */
function runBlock(block: Block, x: tf.Tensor3D, memory: tf.Tensor3D, motifs: tf.Tensor2D): tf.Tensor3D {
  const crossed = tf.add<tf.Tensor3D>(x, attend(block.cross, layerNorm(block.crossNorm, x), memory, null));
  const selfInput = layerNorm(block.selfNorm, crossed);
  const gates = tf.sigmoid(linear2d(block.gate, motifs));
  const attended = tf.add<tf.Tensor3D>(crossed, attend(block.self, selfInput, selfInput, gates));
  return tf.add<tf.Tensor3D>(attended, feedForward(block.ffn, layerNorm(block.ffnNorm, attended)));
}

function policyLogits(trunk: Trunk, observations: tf.Tensor2D): tf.Tensor2D {
  const batch = observations.shape[0];
  const { tokens, width } = trunk;
  const memory = memoryTokens(trunk, observations);
  const motifs = select(observations, SELECT.motifs);
  const latents = tf.reshape<tf.Rank.R3>(repeatRows(trunk.latents, batch), [batch, tokens, width]);
  const final = trunk.blocks.reduce((x, block) => runBlock(block, x, memory, motifs), latents);
  // The mean over tokens as a batched matMul: a Mean over the middle axis transposes first.
  const pooled = tf.reshape<tf.Rank.R2>(tf.matMul(tf.fill([batch, 1, tokens], 1 / tokens), final), [batch, width]);
  return linear2d(trunk.head, linear2d(trunk.readout, pooled));
}

function resolveSizes(options: LatentAttentionActorCriticOptions): TrunkSizes {
  const defaults = LATENT_ATTENTION_DEFAULTS;
  const width = options.width ?? defaults.width;
  const sizes: TrunkSizes = {
    observationSize: options.observationSize,
    actionCount: options.actionCount,
    width,
    heads: options.heads ?? defaults.heads,
    layers: options.layers ?? defaults.layers,
    latents: options.latents ?? defaults.latents,
    adapterRank: options.adapterRank ?? defaults.adapterRank,
    feedForwardWidth: options.feedForwardWidth ?? 4 * width,
  };
  if (sizes.observationSize !== OBSERVATION_SIZE) {
    throw new BadInputError(`The latent-attention policy reads the ${OBSERVATION_SIZE}-number observation layout; got ${sizes.observationSize}.`);
  }
  const all = [...Object.values(sizes), ...(options.criticHiddenSizes ?? [])];
  if (!all.every((size) => Number.isInteger(size) && size > 0) || sizes.actionCount < 2 || width % sizes.heads !== 0) {
    throw new BadInputError(`Invalid latent-attention actor-critic sizes ${JSON.stringify({ ...sizes, criticHiddenSizes: options.criticHiddenSizes })}.`);
  }
  return sizes;
}

/** A latent-attention policy with an MLP critic (see LATENT_ATTENTION_ARCHITECTURE). */
export function createLatentAttentionActorCritic(options: LatentAttentionActorCriticOptions): ActorCritic {
  const sizes = resolveSizes(options);
  const criticHiddenSizes = [...(options.criticHiddenSizes ?? LATENT_ATTENTION_DEFAULTS.criticHiddenSizes)];
  const shape: NetworkShape = {
    architecture: LATENT_ATTENTION_ARCHITECTURE,
    observationSize: sizes.observationSize,
    actionCount: sizes.actionCount,
    hiddenSizes: criticHiddenSizes,
  };
  const store = new ParameterStore(options.rng);
  const trunk = createTrunk(store, sizes, sizes.actionCount);
  const critic = store.tanhMlp('critic', OBSERVATION_SIZE, criticHiddenSizes, 1, INIT_GAIN.valueHead);
  return new LatentAttentionActorCritic(shape, trunk, critic, store);
}

class LatentAttentionActorCritic extends TensorActorCritic {
  constructor(
    shape: NetworkShape,
    private readonly trunk: Trunk,
    private readonly critic: readonly Linear[],
    store: ParameterStore,
  ) {
    super(shape, store.variables, store.names);
  }

  protected policyLogits(observations: tf.Tensor2D): tf.Tensor2D {
    return policyLogits(this.trunk, observations);
  }

  protected stateValues(observations: tf.Tensor2D): tf.Tensor2D {
    return runTanhMlp(this.critic, observations);
  }
}
