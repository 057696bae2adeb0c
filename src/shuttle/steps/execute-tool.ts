import type { RecallHit } from '../../memory/index.js';
import { need, type WarpResult, type WeaveStepDefinition } from '../weave-state.js';

/**
 * Blends retrieval with the warp's attention: a hit keeps its full score when the query
 * attends to it most and half of it when it gets no attention, so tools read context in the
 * order the query actually focuses on.
 */
export function attentionRanked(hits: readonly RecallHit[], warp: WarpResult): RecallHit[] {
  const top = Math.max(...warp.weights, 0);
  if (top === 0) {
    return [...hits];
  }
  return hits
    .map((hit, i) => ({ ...hit, score: hit.score * (0.5 + (0.5 * (warp.weights[i] ?? 0)) / top) }))
    .sort((a, b) => b.score - a.score);
}

/** 7. Execute: the chosen tool does its work over the attended context. */
export const executeTool: WeaveStepDefinition = {
  name: 'execute',
  async run(state, { tools, store }) {
    const decision = need(state, 'decision');
    const tool = tools.get(decision.tool);
    if (tool === undefined) {
      throw new Error(`No tool registered for ${decision.tool}.`);
    }
    const { request } = state;
    const result = await tool.run({
      tenant: request.tenant,
      query: request.query,
      sessionId: request.sessionId,
      hits: attentionRanked(need(state, 'hits'), need(state, 'warp')),
      queryVector: need(state, 'queryVector'),
      store,
    });
    return {
      patch: { result },
      detail: { tool: decision.tool, confidence: result.confidence, citations: result.citations, ...result.detail },
    };
  },
};
