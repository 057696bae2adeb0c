/** Tool choice: policy probabilities (motif prior; the learned network later) + Thompson bandit. */
export { sampleBeta } from './beta-sampler.js';
/** How the network's probabilities and the bandit combine into one choice. */
export {
  CONVERGENCE_DEFAULTS,
  CONVERGENCE_STRATEGIES,
  converge,
  type Convergence,
  type ConvergenceInput,
  type ConvergenceStrategy,
} from './convergence.js';
export { bucketFor, motifPrior, motifPriorProbabilities } from './motif-prior.js';
export { createSqliteBanditStore } from './sqlite-bandit-store.js';
export { createThompsonPolicy, DEFAULT_PRIOR_STRENGTH, type NetworkProbabilities, type Policy, type ThompsonPolicyOptions } from './thompson-policy.js';
export type {
  BanditCounts,
  BanditStore,
  Decision,
  PolicyInput,
  ScoredMotif,
  ToolEstimate,
  ToolProbabilities,
} from './types.js';
