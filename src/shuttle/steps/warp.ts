import { dot, type Vector } from '../../shared/index.js';
import { need, type WarpResult, type WeaveStepDefinition } from '../weave-state.js';

/** Softmax temperature over cosine scores: sharp enough that the best match dominates. */
const TEMPERATURE = 0.1;

function softmax(values: readonly number[]): number[] {
  const max = Math.max(...values);
  const exps = values.map((value) => Math.exp((value - max) / TEMPERATURE));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((value) => value / total);
}

/** Attention of a unit query over unit context vectors: weights, weighted summary, entropy. */
export function attend(query: Vector, context: readonly Vector[]): WarpResult {
  const summary = new Float32Array(query.length);
  if (context.length === 0) {
    return { weights: [], summary, entropy: 0 };
  }
  const weights = softmax(context.map((vector) => dot(query, vector)));
  context.forEach((vector, i) => {
    const weight = weights[i] ?? 0;
    for (let d = 0; d < summary.length; d++) {
      summary[d] = (summary[d] ?? 0) + weight * (vector[d] ?? 0);
    }
  });
  const entropy = -weights.reduce((sum, w) => sum + (w > 0 ? w * Math.log(w) : 0), 0);
  return { weights, summary, entropy };
}

/** 5. Warp: the query attends over the retrieved memories' vectors. */
export const warp: WeaveStepDefinition = {
  name: 'warp',
  run(state) {
    const hits = need(state, 'hits');
    const result = attend(need(state, 'queryVector'), hits.map((hit) => hit.vector));
    return {
      patch: { warp: result },
      detail: {
        attention: hits.map((hit, i) => ({ id: hit.memory.id, weight: result.weights[i] ?? 0 })),
        entropy: result.entropy,
      },
    };
  },
};
