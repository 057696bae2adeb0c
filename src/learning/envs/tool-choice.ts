import type { Rng } from '../../shared/index.js';
import type { PatternName } from '../../spacetime/index.js';
import {
  ACTION_COUNT,
  encodeObservation,
  OBSERVATION_SIZE,
  PREFIX_REDUCTION,
  TOOL_INDEX,
  type EmbeddingReduction,
  type EncodingVersion,
  type RetrievalSummary,
} from '../encoding/index.js';

import type { LabelledQuery, ToolChoiceDataset, ToolChoiceSplit } from './tool-choice-dataset.js';
import type { Environment, StepResult } from './types.js';

/** Embeds texts (full-size vectors; the encoding's reduction makes 96 of them). Embedder.embed fits. */
export type EmbedTexts = (texts: readonly string[]) => Promise<readonly Float32Array[]> | readonly Float32Array[];

/** The motif names detected in a text, e.g. `(text) => motifNames(detectMotifs(text))`. */
export type DetectMotifNames = (text: string) => readonly string[];

/**
 * The simulated user's verdict: +1 when the tool fits, −1 when it does not. These are the ends
 * of the original's rating scale (r/5·2 − 1 at 5 and at 0 stars): a user who only knows
 * "right tool or not" gives the best or the worst rating. Symmetric values keep a constant
 * policy's expected return at 2·share − 1, easy to read off a learning curve.
 */
export const TOOL_CHOICE_REWARD = { right: 1, wrong: -1 } as const;

/** The weave's AUTO rule, minus research detection: queries under 50 characters run BARE. */
const BARE_MAX_CHARS = 50;
export const patternByLength = (query: string): PatternName => (query.length < BARE_MAX_CHARS ? 'BARE' : 'FAST');

/**
 * There is no store in the environment, so retrieval statistics are fixed, plausible values per
 * pattern (k hits from the card, typical hashing-embedder scores, mostly vector hits with some
 * keyword and, where the card hops, graph hits). Deriving them from the query would either leak
 * the label or add noise; fixed values keep the block in its usual range and carry no signal, so
 * the policy has to learn from the query's embedding and motifs. The spectral block stays 0 (no
 * retrieved subgraph).
 */
export const SIMULATED_RETRIEVAL: Readonly<Record<PatternName, RetrievalSummary>> = {
  BARE: { hitCount: 3, topScore: 0.62, meanScore: 0.48, sourceFractions: { VECTOR: 1, KEYWORD: 1 / 3 } },
  FAST: { hitCount: 6, topScore: 0.62, meanScore: 0.41, sourceFractions: { VECTOR: 5 / 6, KEYWORD: 1 / 3, GRAPH: 1 / 6 } },
  FUSED: { hitCount: 10, topScore: 0.62, meanScore: 0.36, sourceFractions: { VECTOR: 0.8, KEYWORD: 0.3, GRAPH: 0.3 } },
};

export interface ToolChoiceEnvironmentOptions {
  readonly dataset: ToolChoiceDataset;
  readonly split: ToolChoiceSplit;
  readonly embed: EmbedTexts;
  readonly motifs: DetectMotifNames;
  /** Which card the query would run under. @default patternByLength */
  readonly pattern?: (query: string) => PatternName;
  /**
   * Fills the embedding block and so fixes the encoding version. Give the train and test
   * environments the same one (an obs-v2 PCA fitted on the train split). @default PREFIX_REDUCTION (obs-v1)
   */
  readonly reduction?: EmbeddingReduction;
}

/** A labelled query with its encoded observation and the action index of its right tool. */
export interface ToolChoiceExample extends LabelledQuery {
  readonly pattern: PatternName;
  readonly observation: Float32Array;
  readonly action: number;
}

/** One query per episode, one step: pick a tool, get the user's verdict. */
export interface ToolChoiceEnvironment extends Environment {
  readonly split: ToolChoiceSplit;
  /** The encoding its observations follow (from the reduction). */
  readonly encodingVersion: EncodingVersion;
  /** Every query of the split, encoded, in fixture order (for exhaustive evaluation). */
  readonly examples: readonly ToolChoiceExample[];
  /** The running (or just finished) episode's query; undefined before the first reset. */
  current(): ToolChoiceExample | undefined;
}

async function encodeSplit(options: ToolChoiceEnvironmentOptions): Promise<ToolChoiceExample[]> {
  const items = options.dataset[options.split];
  const vectors = await options.embed(items.map((item) => item.query));
  const choosePattern = options.pattern ?? patternByLength;
  return items.map((item, i) => {
    const vector = vectors[i];
    if (vector === undefined) {
      throw new Error(`The embed function returned ${vectors.length} vectors for ${items.length} queries.`);
    }
    const pattern = choosePattern(item.query);
    const observation = encodeObservation(
      { queryEmbedding: vector, motifs: options.motifs(item.query), retrieval: SIMULATED_RETRIEVAL[pattern], spectral: null, pattern },
      options.reduction ?? PREFIX_REDUCTION,
    );
    return { ...item, pattern, observation, action: TOOL_INDEX[item.tool] };
  });
}

function checkAction(action: number): void {
  if (!Number.isInteger(action) || action < 0 || action >= ACTION_COUNT) {
    throw new RangeError(`Action ${action} is outside 0..${ACTION_COUNT - 1}.`);
  }
}

/**
 * The tool-choice task over one split of the labelled set. Observations are computed once, up
 * front (that is where `embed` may be async); afterwards reset and step are synchronous and
 * deterministic given the Rng: `reset` draws the query uniformly with one `rng.next()`.
 * Observations are handed out as copies, so a caller that scribbles on one changes nothing. The
 * step's observation is the query's own again: the episode is over and nothing bootstraps from it.
 */
export async function createToolChoiceEnvironment(options: ToolChoiceEnvironmentOptions): Promise<ToolChoiceEnvironment> {
  const examples = await encodeSplit(options);
  if (examples.length === 0) {
    throw new Error(`The ${options.split} split is empty.`);
  }
  let episode: ToolChoiceExample | undefined;
  let running = false;
  return {
    name: `tool-choice/${options.split}`,
    observationSize: OBSERVATION_SIZE,
    actionCount: ACTION_COUNT,
    split: options.split,
    encodingVersion: (options.reduction ?? PREFIX_REDUCTION).encodingVersion,
    examples,
    current: () => episode,
    reset(rng: Rng): Float32Array {
      episode = examples[Math.min(examples.length - 1, Math.floor(rng.next() * examples.length))];
      running = true;
      return Float32Array.from(episode?.observation ?? []);
    },
    step(action: number): StepResult {
      checkAction(action);
      if (!running || episode === undefined) {
        throw new Error('step() needs a running episode: call reset() first (each episode is one step).');
      }
      running = false;
      const success = action === episode.action ? 1 : 0;
      return {
        observation: Float32Array.from(episode.observation),
        reward: success === 1 ? TOOL_CHOICE_REWARD.right : TOOL_CHOICE_REWARD.wrong,
        terminated: true,
        truncated: false,
        info: { success },
      };
    },
  };
}
