import { bucketFor, type Decision, type ScoredMotif } from '../../policy/index.js';
import { TOOL_NAMES, type ToolName } from '../../shared/index.js';
import { need, type WeaveStepDefinition } from '../weave-state.js';

/** A client-forced tool; the bucket is still the query's, so feedback trains the right posterior. */
function forced(tool: ToolName, motifs: readonly ScoredMotif[]): Decision {
  return {
    tool,
    estimates: TOOL_NAMES.map((name) => ({ tool: name, probability: name === tool ? 1 : 0, banditMean: 0 })),
    bucket: bucketFor(motifs),
    strategy: 'forced',
  };
}

/** 6. Decide: the policy's probabilities and Thompson posteriors pick a tool (or the client forces one). */
export const decide: WeaveStepDefinition = {
  name: 'decide',
  run(state, { policy }) {
    const motifs = need(state, 'motifs');
    const decision =
      state.request.tool === null
        ? policy.decide({ tenant: state.request.tenant, motifs, features: need(state, 'features') })
        : forced(state.request.tool, motifs);
    return {
      patch: { decision },
      detail: { tool: decision.tool, bucket: decision.bucket, strategy: decision.strategy, policy: policy.name },
    };
  },
};
