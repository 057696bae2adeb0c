import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  EMBEDDING_REDUCTION_FILE,
  encodeObservation,
  ENCODING_VERSIONS,
  fitPcaReduction,
  loadEmbeddingReduction,
  OBSERVATION_LAYOUT,
  pcaReductionFrom,
  PREFIX_REDUCTION,
  saveEmbeddingReduction,
  type ObservationInput,
} from '../../../../src/learning/encoding/index.js';
import { createSeededRng, gaussian, norm, truncateNormalize } from '../../../../src/shared/index.js';

const DIMS = 200;

/** Small vectors (so fitting is quick) whose variance lives mostly outside the first 96 components. */
function corpus(count: number, seed: number): Float32Array[] {
  const rng = createSeededRng(seed);
  return Array.from({ length: count }, () => Float32Array.from({ length: DIMS }, (_, i) => gaussian(rng) * (i >= 120 && i < 180 ? 3 : 0.2)));
}

const input = (queryEmbedding: Float32Array): ObservationInput => ({
  queryEmbedding,
  motifs: ['question'],
  retrieval: { hitCount: 3, topScore: 0.6, meanScore: 0.5, sourceFractions: { VECTOR: 1 } },
  pattern: 'BARE',
});

const embeddingBlock = (observation: Float32Array): Float32Array =>
  observation.subarray(OBSERVATION_LAYOUT.embedding.offset, OBSERVATION_LAYOUT.embedding.offset + OBSERVATION_LAYOUT.embedding.length);

describe('embedding reductions (obs-v1 prefix, obs-v2 PCA)', () => {
  const train = corpus(200, 1);
  const pca = fitPcaReduction(train, createSeededRng(7));
  let dir = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hololoom-reduction-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('knows both versions; the prefix is obs-v1 and the default of encodeObservation', () => {
    expect(ENCODING_VERSIONS).toEqual(['obs-v1', 'obs-v2']);
    expect(PREFIX_REDUCTION.encodingVersion).toBe('obs-v1');
    const vector = train[0]!;
    expect(PREFIX_REDUCTION.reduce(vector)).toEqual(truncateNormalize(vector, 96));
    expect(encodeObservation(input(vector))).toEqual(encodeObservation(input(vector), PREFIX_REDUCTION));
  });

  it('obs-v2 fills the embedding block with a unit vector and leaves the other blocks as obs-v1 has them', () => {
    const vector = corpus(1, 9)[0]!;
    const v1 = encodeObservation(input(vector));
    const v2 = encodeObservation(input(vector), pca);
    expect(pca.encodingVersion).toBe('obs-v2');
    expect(norm(embeddingBlock(v2))).toBeCloseTo(1, 5);
    expect(v2.subarray(96)).toEqual(v1.subarray(96));
    expect(embeddingBlock(v2)).not.toEqual(embeddingBlock(v1));
    expect(Array.from(v2).every((value) => value >= -1 && value <= 1)).toBe(true);
  });

  it('sees the directions the prefix throws away', () => {
    const a = corpus(1, 11)[0]!;
    // b differs from a only in components 120-179, where the training set varies most.
    const b = Float32Array.from(a, (value, i) => (i >= 120 && i < 180 ? -value : value));
    const cosine = (x: Float32Array, y: Float32Array): number => x.reduce((sum, value, i) => sum + value * (y[i] ?? 0), 0);
    expect(cosine(PREFIX_REDUCTION.reduce(a), PREFIX_REDUCTION.reduce(b))).toBeCloseTo(1, 5);
    expect(cosine(pca.reduce(a), pca.reduce(b))).toBeLessThan(0);
  });

  it('is deterministic for a seed and survives a store/restore round trip bit for bit', () => {
    const again = fitPcaReduction(train, createSeededRng(7));
    const probe = corpus(3, 5);
    const restored = pcaReductionFrom(JSON.parse(JSON.stringify(pca.toStored())) as ReturnType<typeof pca.toStored>);
    for (const vector of probe) {
      expect(again.reduce(vector)).toEqual(pca.reduce(vector));
      expect(restored.reduce(vector)).toEqual(pca.reduce(vector));
    }
    expect(pca.toStored()).toMatchObject({ encodingVersion: 'obs-v2', inputDims: DIMS, fittedOn: 200 });
  });

  it('is saved beside a checkpoint and loaded back by version', async () => {
    const path = await saveEmbeddingReduction(dir, pca);
    expect(path).toBe(join(dir, EMBEDDING_REDUCTION_FILE));
    const loaded = await loadEmbeddingReduction(dir, 'obs-v2');
    const vector = corpus(1, 21)[0]!;
    expect(loaded.encodingVersion).toBe('obs-v2');
    expect(loaded.reduce(vector)).toEqual(pca.reduce(vector));
    expect(await loadEmbeddingReduction(join(dir, 'nowhere'), 'obs-v1')).toBe(PREFIX_REDUCTION);
  });

  it('refuses what it cannot read: wrong lengths, non-finite values, missing or foreign files', async () => {
    expect(() => pca.reduce(new Float32Array(384))).toThrow(/fitted on 200/u);
    expect(() => pca.reduce(Float32Array.from({ length: DIMS }, (_, i) => (i === 3 ? Number.NaN : 0)))).toThrow(/non-finite/u);
    expect(() => PREFIX_REDUCTION.reduce(new Float32Array(64))).toThrow(/at least 96/u);
    expect(() => fitPcaReduction([], createSeededRng(1))).toThrow(RangeError);
    expect(() => fitPcaReduction([new Float32Array(DIMS), new Float32Array(150)], createSeededRng(1))).toThrow(RangeError);
    expect(() => pcaReductionFrom({ ...pca.toStored(), basis: [1, 2, 3] })).toThrow(RangeError);
    await expect(loadEmbeddingReduction(join(dir, 'nowhere'), 'obs-v2')).rejects.toThrow(/cannot be read/u);
    const foreign = join(dir, 'foreign');
    await saveEmbeddingReduction(foreign, pca);
    await writeFile(join(foreign, EMBEDDING_REDUCTION_FILE), JSON.stringify({ encodingVersion: 'obs-v9' }));
    await expect(loadEmbeddingReduction(foreign, 'obs-v2')).rejects.toThrow(/not an obs-v2 embedding reduction/u);
  });
});
