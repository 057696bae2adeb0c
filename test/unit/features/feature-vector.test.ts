import { describe, expect, it } from 'vitest';

import {
  encodeFeatures,
  FEATURE_LAYOUT,
  FEATURE_VECTOR_LENGTH,
  PATTERN_NAMES,
  type FeatureInput,
} from '../../../src/features/index.js';
import { BadInputError, MOTIF_NAMES } from '../../../src/shared/index.js';

function input(overrides: Partial<FeatureInput> = {}): FeatureInput {
  return {
    queryVector96: Float32Array.from({ length: 96 }, (_, i) => i / 100),
    motifs: [
      { name: 'question', span: [0, 4], score: 0.95 },
      { name: 'arithmetic', span: [8, 14], score: 0.9 },
    ],
    retrieval: { hitCount: 4, topScore: 0.8, meanScore: 0.5 },
    spectral: { eigenvalues: [0, 1, 3, 0], fiedler: 1 },
    pattern: 'FAST',
    ...overrides,
  };
}

describe('encodeFeatures', () => {
  it('has a fixed length of 96 + 12 motifs + 3 retrieval + 5 spectral + 3 patterns', () => {
    expect(FEATURE_VECTOR_LENGTH).toBe(96 + MOTIF_NAMES.length + 3 + 5 + PATTERN_NAMES.length);
    expect(FEATURE_VECTOR_LENGTH).toBe(119);
    expect(encodeFeatures(input())).toHaveLength(FEATURE_VECTOR_LENGTH);
  });

  it('lays the groups out back to back', () => {
    const groups = Object.values(FEATURE_LAYOUT);
    groups.slice(1).forEach((group, i) => {
      const previous = groups[i]!;
      expect(group.offset).toBe(previous.offset + previous.length);
    });
  });

  it('copies the embedding into the first 96 slots', () => {
    const vector = encodeFeatures(input());
    expect(Array.from(vector.subarray(0, 96))).toEqual(Array.from(input().queryVector96));
  });

  it('puts motif scores at their vocabulary index and zero elsewhere', () => {
    const vector = encodeFeatures(input());
    const motifs = vector.subarray(FEATURE_LAYOUT.motifs.offset, FEATURE_LAYOUT.motifs.offset + MOTIF_NAMES.length);
    expect(motifs[MOTIF_NAMES.indexOf('question')]).toBeCloseTo(0.95);
    expect(motifs[MOTIF_NAMES.indexOf('arithmetic')]).toBeCloseTo(0.9);
    expect(Array.from(motifs).filter((value) => value !== 0)).toHaveLength(2);
  });

  it('encodes retrieval statistics, squashed spectral values and the pattern one-hot', () => {
    const vector = encodeFeatures(input());
    const { retrieval, spectral, pattern } = FEATURE_LAYOUT;
    expect(Array.from(vector.subarray(retrieval.offset, retrieval.offset + 3))).toEqual([0.4, 0.8, 0.5].map(Math.fround));
    expect(Array.from(vector.subarray(spectral.offset, spectral.offset + 5))).toEqual([0, 0.5, 0.75, 0, 0.5]);
    expect(Array.from(vector.subarray(pattern.offset, pattern.offset + 3))).toEqual([0, 1, 0]);
  });

  it('caps the hit count and clamps scores into 0..1', () => {
    const vector = encodeFeatures(input({ retrieval: { hitCount: 50, topScore: 3, meanScore: Number.NaN } }));
    const { offset } = FEATURE_LAYOUT.retrieval;
    expect(Array.from(vector.subarray(offset, offset + 3))).toEqual([1, 1, 0]);
  });

  it('refuses an embedding that is not 96-dimensional', () => {
    expect(() => encodeFeatures(input({ queryVector96: new Float32Array(384) }))).toThrow(BadInputError);
  });
});
