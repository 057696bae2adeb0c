/** PPO: pure kernels, the tfjs actor-critic, the update, the environment trainer, checkpoints. */
export type { ActorCritic, ActResult, EvaluateBatch, Evaluation, NetworkShape, Prediction, WeightTensor } from './actor-critic.js';
export { runCartPoleBenchmark, CARTPOLE_PPO_CONFIG, type CartPoleBenchmarkOptions, type CartPoleBenchmarkResult } from './cartpole-benchmark.js';
export {
  CHECKPOINT_FILE,
  loadCheckpoint,
  saveCheckpoint,
  type CheckpointInfo,
  type CheckpointMeta,
} from './checkpoint.js';
export { DEFAULT_PPO_CONFIG, resolvePpoConfig, TOOL_CHOICE_PPO_CONFIG, type PpoConfig } from './config.js';
export {
  approxKl,
  categoricalEntropy,
  clippedSurrogateLoss,
  computeGae,
  logSoftmax,
  normalizeAdvantages,
  ppoLoss,
  valueLoss,
  type GaeInput,
  type GaeResult,
  type LossBatch,
  type LossCoefficients,
  type LossTerms,
} from './kernels.js';
export {
  createLatentAttentionActorCritic,
  LATENT_ATTENTION_ARCHITECTURE,
  LATENT_ATTENTION_DEFAULTS,
  type LatentAttentionActorCriticOptions,
} from './latent-attention-actor-critic.js';
export { createMlpActorCritic, MLP_ARCHITECTURE, type MlpActorCriticOptions } from './mlp-actor-critic.js';
export { createPpoOptimizer, type PpoOptimizer } from './optimizer.js';
export { ppoLossTensors, type LossTargets, type LossTensors } from './ppo-loss.js';
export { ppoUpdate, type PpoUpdateStats } from './ppo-update.js';
export type { Rollout } from './rollout.js';
export type { EpisodeRecord } from './rollout-collector.js';
export { initializeTensorflow } from './tf-runtime.js';
export { trainOnEnvironment, type PpoUpdate, type TrainingResult, type TrainOnEnvironmentOptions } from './trainer.js';
