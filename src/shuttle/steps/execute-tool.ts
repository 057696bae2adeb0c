import { need, type WeaveStepDefinition } from '../weave-state.js';

/** 7. Execute: the chosen tool does its work over the retrieved context. */
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
      hits: need(state, 'hits'),
      store,
    });
    return {
      patch: { result },
      detail: { tool: decision.tool, confidence: result.confidence, citations: result.citations, ...result.detail },
    };
  },
};
