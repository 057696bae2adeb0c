import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Embedder } from '../../src/embedding/index.js';
import { cosine, norm } from '../../src/shared/index.js';

/** The behaviour every Embedder implementation shares. */
export function describeEmbedderContract(name: string, create: () => Embedder, options: { semantic: boolean }): void {
  describe(`Embedder contract: ${name}`, () => {
    let embedder: Embedder;
    beforeAll(() => {
      embedder = create();
    });
    afterAll(async () => {
      await embedder.close?.();
    });

    it('returns one unit vector of `dimensions` per text, in input order', async () => {
      const texts = ['The cat sat on the mat.', 'Quantum chromodynamics', 'a'];
      const vectors = await embedder.embed(texts);
      expect(vectors).toHaveLength(3);
      vectors.forEach((vector) => {
        expect(vector).toHaveLength(embedder.dimensions);
        expect(norm(vector)).toBeCloseTo(1, 4);
      });
      const [again] = await embedder.embed([texts[1]!]);
      expect(cosine(again!, vectors[1]!)).toBeGreaterThan(0.9999);
    });

    it('gives the same vector alone and inside a batch of different lengths', async () => {
      const [alone] = await embedder.embed(['Short text.']);
      const batch = await embedder.embed(['A much longer sentence that needs far more word pieces than the other one.', 'Short text.']);
      expect(cosine(alone!, batch[1]!)).toBeGreaterThan(0.9999);
    });

    it('handles empty input lists', async () => {
      expect(await embedder.embed([])).toEqual([]);
    });

    it.runIf(options.semantic)('places paraphrases closer than unrelated sentences', async () => {
      const [a, b, c] = await embedder.embed(['A man is eating food.', 'A man is eating a piece of bread.', 'The new movie is awesome.']);
      expect(cosine(a!, b!)).toBeGreaterThan(cosine(a!, c!) + 0.3);
      const [car, automobile, banana] = await embedder.embed(['I bought a car.', 'I purchased an automobile.', 'Bananas are yellow.']);
      expect(cosine(car!, automobile!)).toBeGreaterThan(cosine(car!, banana!));
    });
  });
}
