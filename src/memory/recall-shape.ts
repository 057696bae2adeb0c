import { AppError, type Vector } from '../shared/index.js';

/** Each retriever proposes max(4k, 40) candidates before fusion, in every backend. */
export const candidatesFor = (k: number): number => Math.max(4 * k, 40);

/** The graph hop starts from the entities of this many best vector/keyword hits. */
export const GRAPH_SEED_HITS = 3;

/** A caller-supplied query vector must match the embedder's size. */
export function checkQueryVector(vector: Vector | undefined, dimensions: number): Vector {
  if (vector?.length !== dimensions) {
    throw new AppError('BAD_USER_INPUT', `The query vector must have ${dimensions} components.`, {
      details: { expected: dimensions, got: vector?.length ?? 0 },
    });
  }
  return vector;
}
