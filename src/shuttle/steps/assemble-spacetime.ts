import type { MemoryStore, RecallHit } from '../../memory/index.js';
import type { ContextHit } from '../../spacetime/index.js';
import { need, type WeaveStepDefinition } from '../weave-state.js';

const toContext = (hit: RecallHit): ContextHit => ({ memory: hit.memory, score: hit.score, sources: hit.sources });

/**
 * The memories the answer used: cited retrieved hits in rank order, then cited memories the
 * tool reached itself (graph neighbours, a new note). With no citations, nothing was used.
 */
async function usedContext(
  tenant: string,
  hits: readonly RecallHit[],
  citations: readonly string[],
  store: MemoryStore,
): Promise<ContextHit[]> {
  const cited = new Set(citations);
  const fromHits = hits.filter((hit) => cited.has(hit.memory.id)).map(toContext);
  const seen = new Set(fromHits.map((hit) => hit.memory.id));
  const others = citations.filter((id) => !seen.has(id));
  const loaded = others.length === 0 ? [] : await store.getMany(tenant, others);
  const reached = loaded.flatMap((memory) =>
    memory === undefined ? [] : [{ memory, score: 0, sources: ['GRAPH' as const] }],
  );
  return [...fromHits, ...reached];
}

/** 8. Spacetime: the answer with its provenance (trace and duration are stamped at the end). */
export const assembleSpacetime: WeaveStepDefinition = {
  name: 'spacetime',
  async run(state, { store, clock }) {
    const { request } = state;
    const result = need(state, 'result');
    const decision = need(state, 'decision');
    const context = await usedContext(request.tenant, need(state, 'hits'), result.citations, store);
    const spacetime = {
      id: request.id,
      tenant: request.tenant,
      query: request.query,
      mode: need(state, 'card').name,
      tool: decision.tool,
      response: result.response,
      confidence: result.confidence,
      cacheHit: false,
      durationMs: 0,
      createdAt: new Date(clock.now()),
      sessionId: request.sessionId,
      motifs: need(state, 'motifs').map((motif) => motif.name),
      context,
      toolScores: decision.estimates,
      trace: [],
      bucket: decision.bucket,
      reward: null,
      error: null,
      errorCode: null,
    };
    return { patch: { spacetime }, detail: { contextUsed: context.length } };
  },
};
