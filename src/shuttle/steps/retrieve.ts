import { need, type WeaveStepDefinition } from '../weave-state.js';

/** 3. Retrieve: fused vector (the card's Matryoshka scales), keyword and graph recall. */
export const retrieve: WeaveStepDefinition = {
  name: 'retrieve',
  async run(state, { store, embedder }) {
    const card = need(state, 'card');
    const window = need(state, 'window');
    const { request } = state;
    const [queryVector] = await embedder.embed([request.query]);
    const hits = await store.recall({
      tenant: request.tenant,
      text: request.query,
      k: card.retrievalK,
      ...(queryVector === undefined ? {} : { vector: queryVector }),
      scales: card.scales,
      keyword: card.keyword,
      graph: card.graphHop,
      sessionId: request.sessionId,
      ...(window.reason === 'all' ? {} : { window: { startMs: window.startMs, endMs: window.endMs } }),
    });
    return {
      patch: { hits, ...(queryVector === undefined ? {} : { queryVector }) },
      detail: {
        hits: hits.length,
        k: card.retrievalK,
        scales: card.scales.map((scale) => scale.dims),
        topScore: hits[0]?.score ?? 0,
      },
    };
  },
};
