import type { Embedder } from '../embedding/index.js';
import { detectMotifs, motifNames } from '../features/index.js';
import {
  createToolChoiceEnvironment,
  evaluateToolChoice,
  loadToolChoiceDataset,
  type ToolChoiceDataset,
  type ToolChoiceEnvironment,
  type ToolChoiceEvaluation,
} from '../learning/index.js';
import { fitPcaReduction, PREFIX_REDUCTION, type EmbeddingReduction, type EncodingVersion, type PcaReduction } from '../learning/encoding/index.js';
import type { ActorCritic } from '../learning/ppo/index.js';
import { createSeededRng } from '../shared/index.js';

import type { TrainingGoal } from './train-seed.js';

/** The bar: success over the last 200 episodes (each one query) at 95% or more. */
export const TOOL_CHOICE_GOAL = Object.freeze<TrainingGoal>({
  window: 200,
  target: 0.95,
  episodeMetric: (episode) => episode.info['success'] ?? 0,
  progressOf: (update) => update.episodes,
});

/** Fixed, so every seed of a run (and every run) sees the same obs-v2 directions. */
const PCA_SEED = 7;

/** Both splits encoded the same way, ready to train on `train` and measure on `test`. */
export interface ToolChoiceSetup {
  readonly dataset: ToolChoiceDataset;
  readonly train: ToolChoiceEnvironment;
  readonly test: ToolChoiceEnvironment;
  readonly reduction: EmbeddingReduction;
  /** The fitted obs-v2 PCA (to store beside a checkpoint); null for obs-v1. */
  readonly pca: PcaReduction | null;
  /** Seconds spent embedding the queries (and fitting the PCA for obs-v2). */
  readonly encodeSeconds: number;
}

export interface ToolChoiceSetupOptions {
  readonly embedder: Embedder;
  readonly encoding: EncodingVersion;
  /** @default DEFAULT_TOOL_CHOICE_FIXTURE */
  readonly fixture?: string;
}

/**
 * Embeds every query once (MiniLM takes seconds for the ~700 of them), fits obs-v2's PCA on the
 * training split's embeddings only, and builds the two environments over the same encoding.
 */
export async function prepareToolChoice(options: ToolChoiceSetupOptions): Promise<ToolChoiceSetup> {
  const started = performance.now();
  const dataset = await loadToolChoiceDataset(options.fixture);
  const texts = [...new Set([...dataset.train, ...dataset.test].map((item) => item.query))];
  const vectors = await options.embedder.embed(texts);
  const byText = new Map(texts.map((text, i) => [text, vectors[i] ?? new Float32Array(options.embedder.dimensions)]));
  const embed = (batch: readonly string[]): Float32Array[] => batch.map((text) => byText.get(text) ?? new Float32Array(options.embedder.dimensions));
  const pca = options.encoding === 'obs-v2' ? fitPcaReduction(embed(dataset.train.map((item) => item.query)), createSeededRng(PCA_SEED)) : null;
  const reduction = pca ?? PREFIX_REDUCTION;
  const motifs = (text: string): string[] => motifNames(detectMotifs(text));
  const [train, test] = await Promise.all(
    (['train', 'test'] as const).map((split) => createToolChoiceEnvironment({ dataset, split, embed, motifs, reduction })),
  );
  if (train === undefined || test === undefined) {
    throw new Error('The tool-choice environments could not be built.');
  }
  return { dataset, train, test, reduction, pca, encodeSeconds: (performance.now() - started) / 1000 };
}

/** The policy's most probable action: what a deployed policy would pick, no sampling. */
export function greedyChooser(policy: ActorCritic): (observation: Float32Array) => number {
  return (observation) => {
    const { probabilities } = policy.predict(observation);
    let best = 0;
    probabilities.forEach((probability, action) => {
      best = probability > (probabilities[best] ?? -Infinity) ? action : best;
    });
    return best;
  };
}

/** Greedy success on every training query and on every held-out one. */
export interface ToolChoiceScores {
  readonly train: ToolChoiceEvaluation;
  readonly heldOut: ToolChoiceEvaluation;
}

export function scoreToolChoice(setup: Pick<ToolChoiceSetup, 'train' | 'test'>, policy: ActorCritic): ToolChoiceScores {
  const choose = greedyChooser(policy);
  return { train: evaluateToolChoice(setup.train, choose), heldOut: evaluateToolChoice(setup.test, choose) };
}
