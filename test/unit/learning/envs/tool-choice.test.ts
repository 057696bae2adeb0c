import { beforeAll, describe, expect, it } from 'vitest';

import { createHashingEmbedder, hashEmbed } from '../../../../src/embedding/index.js';
import { detectMotifs, motifNames } from '../../../../src/features/index.js';
import {
  createToolChoiceEnvironment,
  evaluateToolChoice,
  loadToolChoiceDataset,
  MOTIF_SLOT,
  OBSERVATION_LAYOUT,
  OBSERVATION_SIZE,
  TOOL_INDEX,
  type ToolChoiceDataset,
  type ToolChoiceEnvironment,
  type ToolChoiceEnvironmentOptions,
} from '../../../../src/learning/index.js';
import { createSeededRng, TOOL_NAMES } from '../../../../src/shared/index.js';

let dataset: ToolChoiceDataset;
let train: ToolChoiceEnvironment;
let test: ToolChoiceEnvironment;

const options = (split: 'train' | 'test'): ToolChoiceEnvironmentOptions => ({
  dataset,
  split,
  embed: (texts) => texts.map(hashEmbed),
  motifs: (text) => motifNames(detectMotifs(text)),
});

const key = (observation: Float32Array): string => Array.from(observation).join(',');

beforeAll(async () => {
  dataset = await loadToolChoiceDataset();
  [train, test] = await Promise.all([createToolChoiceEnvironment(options('train')), createToolChoiceEnvironment(options('test'))]);
});

function episodes(env: ToolChoiceEnvironment, seed: number, count: number): string[] {
  const rng = createSeededRng(seed);
  return Array.from({ length: count }, () => {
    const observation = env.reset(rng);
    const { id } = env.current()!;
    env.step(0);
    return `${id}|${key(observation)}`;
  });
}

describe('tool-choice environment', () => {
  it('exposes the obs-v1 size and one action per tool, and covers exactly its split', () => {
    expect(train.observationSize).toBe(OBSERVATION_SIZE);
    expect(train.actionCount).toBe(TOOL_NAMES.length);
    expect(train.examples.map((example) => example.id)).toEqual(dataset.train.map((item) => item.id));
    expect(test.examples.map((example) => example.id)).toEqual(dataset.test.map((item) => item.id));
    expect(train.name).toBe('tool-choice/train');
  });

  it('is deterministic for a seed and draws different queries for different seeds', async () => {
    const again = await createToolChoiceEnvironment(options('train'));
    expect(episodes(train, 7, 50)).toEqual(episodes(again, 7, 50));
    expect(episodes(train, 7, 50)).not.toEqual(episodes(train, 8, 50));
    const drawn = new Set(episodes(train, 1, 2_000));
    expect(drawn.size).toBeGreaterThan(train.examples.length * 0.9);
  });

  it('gives +1 and success 1 for the right tool, −1 and success 0 otherwise, and ends the episode', () => {
    const rng = createSeededRng(3);
    train.reset(rng);
    const right = train.current()!.action;
    expect(train.step(right)).toMatchObject({ reward: 1, terminated: true, truncated: false, info: { success: 1 } });
    train.reset(rng);
    const wrong = (train.current()!.action + 1) % TOOL_NAMES.length;
    const result = train.step(wrong);
    expect(result).toMatchObject({ reward: -1, terminated: true, info: { success: 0 } });
    expect(result.observation).toHaveLength(OBSERVATION_SIZE);
    expect(() => train.step(0)).toThrow(/reset\(\) first/u);
  });

  it('rejects actions that are not tool indices, and a step before any reset', async () => {
    const fresh = await createToolChoiceEnvironment(options('test'));
    expect(() => fresh.step(0)).toThrow(/reset/u);
    fresh.reset(createSeededRng(1));
    expect(() => fresh.step(5)).toThrow(RangeError);
    expect(() => fresh.step(0.5)).toThrow(RangeError);
  });

  it('encodes the query itself: its motifs, its length-chosen pattern, fixed retrieval and no spectrum', () => {
    for (const example of train.examples.slice(0, 40)) {
      const { observation } = example;
      const motifs = Array.from(observation.subarray(OBSERVATION_LAYOUT.motifs.offset, OBSERVATION_LAYOUT.retrieval.offset));
      const expected = new Array<number>(motifs.length).fill(0);
      detectMotifs(example.query).forEach((motif) => (expected[MOTIF_SLOT[motif.name]] = 1));
      expect(motifs).toEqual(expected);
      const pattern = Array.from(observation.subarray(OBSERVATION_LAYOUT.pattern.offset));
      expect(pattern).toEqual(example.query.length < 50 ? [1, 0, 0] : [0, 1, 0]);
      const spectral = observation.subarray(OBSERVATION_LAYOUT.spectral.offset, OBSERVATION_LAYOUT.pattern.offset);
      expect(Array.from(spectral)).toEqual([0, 0, 0, 0, 0, 0]);
    }
  });

  it('hands out copies, so a caller cannot corrupt later episodes', () => {
    const rng = createSeededRng(11);
    const observation = train.reset(rng);
    const original = Float32Array.from(train.current()!.observation);
    observation.fill(9);
    expect(train.current()!.observation).toEqual(original);
    train.step(0);
  });

  it('accepts an async embedder (Embedder.embed) and gives the same observations', async () => {
    const embedder = createHashingEmbedder();
    const env = await createToolChoiceEnvironment({ ...options('test'), embed: (texts) => embedder.embed(texts) });
    expect(env.examples.map((example) => key(example.observation))).toEqual(test.examples.map((example) => key(example.observation)));
  });

  it('refuses an embed function that returns too few vectors', async () => {
    await expect(createToolChoiceEnvironment({ ...options('test'), embed: () => [] })).rejects.toThrow(/returned 0 vectors/u);
  });
});

describe('evaluateToolChoice', () => {
  it('scores a perfect oracle at 100% on the held-out split', () => {
    const answers = new Map(test.examples.map((example) => [key(example.observation), example.action]));
    const evaluation = evaluateToolChoice(test, (observation) => answers.get(key(observation)) ?? -1);
    expect(evaluation).toMatchObject({ correct: test.examples.length, total: test.examples.length, successRate: 1 });
    for (const tally of Object.values(evaluation.byFamily)) {
      expect(tally.successRate).toBe(1);
    }
  });

  it.each(TOOL_NAMES)('scores the constant %s policy at that tool’s share of the split', (tool) => {
    const share = test.examples.filter((example) => example.tool === tool).length / test.examples.length;
    const evaluation = evaluateToolChoice(test, () => TOOL_INDEX[tool]);
    expect(evaluation.successRate).toBeCloseTo(share, 12);
    expect(evaluation.byTool[tool].successRate).toBe(1);
    expect(evaluation.chosen[tool]).toBe(test.examples.length);
    for (const family of dataset.families) {
      expect(evaluation.byFamily[family.name]?.successRate).toBe(family.tool === tool ? 1 : 0);
    }
  });

  it('agrees with episode rewards: the mean success over episodes approaches the exhaustive rate', () => {
    const rng = createSeededRng(5);
    const choose = (_observation: Float32Array): number => TOOL_INDEX.CALC;
    let successes = 0;
    const runs = 4_000;
    for (let i = 0; i < runs; i++) {
      const observation = test.reset(rng);
      successes += test.step(choose(observation)).info?.['success'] ?? 0;
    }
    expect(successes / runs).toBeCloseTo(evaluateToolChoice(test, choose).successRate, 1);
  });

  it('rejects a chooser that returns something other than an action index', () => {
    expect(() => evaluateToolChoice(test, () => 7)).toThrow(/expected 0\.\.4/u);
  });
});
