import type { Decision } from '../../policy/index.js';
import { TOOL_NAMES, type ToolName } from '../../shared/index.js';
import { need, type WeaveStepDefinition } from '../weave-state.js';

function forced(tool: ToolName): Decision {
  return {
    tool,
    estimates: TOOL_NAMES.map((name) => ({ tool: name, probability: name === tool ? 1 : 0, banditMean: 0 })),
    bucket: 'forced',
    strategy: 'forced',
  };
}

/** 6. Decide: the policy's probabilities and Thompson posteriors pick a tool (or the client forces one). */
export const decide: WeaveStepDefinition = {
  name: 'decide',
  run(state, { policy }) {
    const decision =
      state.request.tool === null
        ? policy.decide({ motifs: need(state, 'motifs'), features: need(state, 'features') })
        : forced(state.request.tool);
    return {
      patch: { decision },
      detail: { tool: decision.tool, bucket: decision.bucket, strategy: decision.strategy, policy: policy.name },
    };
  },
};
