import { describe, expect, it } from 'vitest';

import {
  ACTION_COUNT,
  ACTIONS,
  encodeObservation,
  ENCODING_VERSION,
  MOTIF_SLOT,
  OBSERVATION_LAYOUT,
  OBSERVATION_SIZE,
  summarizeRetrieval,
  TOOL_INDEX,
  toolAt,
  type ObservationInput,
} from '../../../../src/learning/index.js';
import { MOTIF_NAMES, TOOL_NAMES, truncateNormalize } from '../../../../src/shared/index.js';

const embedding = Float32Array.from({ length: 384 }, (_, i) => Math.sin(i + 1));

function input(overrides: Partial<ObservationInput> = {}): ObservationInput {
  return {
    queryEmbedding: embedding,
    motifs: ['question', 'arithmetic'],
    retrieval: { hitCount: 4, topScore: 0.8, meanScore: 0.5, sourceFractions: { VECTOR: 1, KEYWORD: 0.5 } },
    spectral: { eigenvalues: [0, 1, 3], fiedler: 1, components: 2 },
    pattern: 'FAST',
    ...overrides,
  };
}

const block = (vector: Float32Array, name: keyof typeof OBSERVATION_LAYOUT): number[] => {
  const { offset, length } = OBSERVATION_LAYOUT[name];
  return Array.from(vector.subarray(offset, offset + length));
};

describe('encodeObservation (obs-v1)', () => {
  it('is 96 + 12 motifs + 7 retrieval + 6 spectral + 3 patterns = 124 floats, blocks back to back', () => {
    expect(ENCODING_VERSION).toBe('obs-v1');
    expect(OBSERVATION_SIZE).toBe(124);
    expect(encodeObservation(input())).toHaveLength(OBSERVATION_SIZE);
    const blocks = Object.values(OBSERVATION_LAYOUT);
    blocks.forEach((current, i) => {
      const next = blocks[i + 1];
      expect(next === undefined ? OBSERVATION_SIZE : next.offset).toBe(current.offset + current.length);
    });
    expect(OBSERVATION_LAYOUT).toMatchObject({
      embedding: { offset: 0, length: 96 },
      motifs: { offset: 96, length: 12 },
      retrieval: { offset: 108, length: 7 },
      spectral: { offset: 115, length: 6 },
      pattern: { offset: 121, length: 3 },
    });
  });

  it('is deterministic: equal inputs give bit-equal vectors, and the input is not mutated', () => {
    const before = Float32Array.from(embedding);
    expect(encodeObservation(input())).toEqual(encodeObservation(input()));
    expect(embedding).toEqual(before);
  });

  it('puts the re-normalized 96-dim Matryoshka prefix first', () => {
    const head = block(encodeObservation(input()), 'embedding');
    expect(head).toEqual(Array.from(truncateNormalize(embedding, 96)));
    expect(Math.hypot(...head)).toBeCloseTo(1, 5);
  });

  it('one-hot encodes motifs in MOTIF_SLOT order, which covers the shared vocabulary exactly', () => {
    expect(Object.keys(MOTIF_SLOT).sort()).toEqual([...MOTIF_NAMES].sort());
    const motifs = block(encodeObservation(input()), 'motifs');
    expect(motifs[MOTIF_SLOT.question]).toBe(1);
    expect(motifs[MOTIF_SLOT.arithmetic]).toBe(1);
    expect(motifs.reduce((a, b) => a + b, 0)).toBe(2);
    expect(block(encodeObservation(input({ motifs: [] })), 'motifs').every((v) => v === 0)).toBe(true);
  });

  it('rejects an unknown motif name instead of ignoring it', () => {
    expect(() => encodeObservation(input({ motifs: ['question', 'sarcasm'] }))).toThrow(/Unknown motif "sarcasm"/u);
    expect(() => encodeObservation(input({ motifs: ['toString'] }))).toThrow(RangeError);
  });

  it('encodes retrieval as hits/10, top, mean and the VECTOR/KEYWORD/GRAPH/RECENCY mix, clamped', () => {
    const values = block(encodeObservation(input()), 'retrieval');
    expect(values.map((v) => Number(v.toFixed(6)))).toEqual([0.4, 0.8, 0.5, 1, 0.5, 0, 0]);
    const wild = input({ retrieval: { hitCount: 40, topScore: 3, meanScore: Number.NaN, sourceFractions: { GRAPH: -1 } } });
    expect(block(encodeObservation(wild), 'retrieval')).toEqual([1, 1, 0, 0, 0, 0, 0]);
  });

  it('summarizes hits into counts, scores and per-source shares', () => {
    const summary = summarizeRetrieval([
      { score: 0.9, sources: ['VECTOR', 'KEYWORD'] },
      { score: 0.5, sources: ['GRAPH'] },
      { score: 0.4, sources: ['VECTOR'] },
      { score: 0.2, sources: ['RECENCY', 'VECTOR'] },
    ]);
    expect(summary).toMatchObject({ hitCount: 4, topScore: 0.9, sourceFractions: { VECTOR: 0.75, KEYWORD: 0.25, GRAPH: 0.25, RECENCY: 0.25 } });
    expect(summary.meanScore).toBeCloseTo(0.5, 10);
    expect(summarizeRetrieval([])).toMatchObject({ hitCount: 0, topScore: 0, meanScore: 0 });
  });

  it('squashes eigenvalues and Fiedler by x/(1+x), scales components by 10, and zeroes an absent spectrum', () => {
    const values = block(encodeObservation(input()), 'spectral');
    expect(values.map((v) => Number(v.toFixed(6)))).toEqual([0, 0.5, 0.75, 0, 0.5, 0.2]);
    expect(block(encodeObservation(input({ spectral: null })), 'spectral')).toEqual([0, 0, 0, 0, 0, 0]);
    const withoutSpectrum: ObservationInput = { ...input(), spectral: undefined };
    expect(block(encodeObservation(withoutSpectrum), 'spectral')).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('one-hot encodes the pattern as BARE, FAST, FUSED', () => {
    expect(block(encodeObservation(input({ pattern: 'BARE' })), 'pattern')).toEqual([1, 0, 0]);
    expect(block(encodeObservation(input({ pattern: 'FAST' })), 'pattern')).toEqual([0, 1, 0]);
    expect(block(encodeObservation(input({ pattern: 'FUSED' })), 'pattern')).toEqual([0, 0, 1]);
  });

  it('rejects embeddings shorter than 96 dims or holding non-finite values', () => {
    expect(() => encodeObservation(input({ queryEmbedding: new Float32Array(64) }))).toThrow(/at least 96/u);
    const broken = Float32Array.from(embedding);
    broken[3] = Number.NaN;
    expect(() => encodeObservation(input({ queryEmbedding: broken }))).toThrow(/non-finite/u);
  });

  it('keeps every value within [-1, 1]', () => {
    expect(encodeObservation(input()).every((v) => v >= -1 && v <= 1)).toBe(true);
  });
});

describe('action encoding', () => {
  it('maps the five tools to fixed indices and back', () => {
    expect(ACTION_COUNT).toBe(5);
    expect(TOOL_INDEX).toEqual({ ANSWER: 0, SEARCH: 1, CALC: 2, NOTE: 3, GRAPH_QUERY: 4 });
    expect([...ACTIONS].sort()).toEqual([...TOOL_NAMES].sort());
    for (const tool of TOOL_NAMES) {
      expect(toolAt(TOOL_INDEX[tool])).toBe(tool);
    }
  });

  it('rejects indices that are not an action', () => {
    expect(() => toolAt(5)).toThrow(RangeError);
    expect(() => toolAt(-1)).toThrow(RangeError);
    expect(() => toolAt(1.5)).toThrow(RangeError);
  });
});
