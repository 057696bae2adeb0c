/** Learning from outcomes: rewards from feedback, bandit updates (PPO arrives here next). */
export { createFeedbackService, type FeedbackService, type FeedbackServiceOptions } from './feedback-service.js';
export { computeReward, REWARD, rewardToUnit, type Feedback } from './rewards.js';
/** The versioned observation (obs-v1) and action encoding of the tool choice. */
export {
  ACTION_COUNT,
  ACTIONS,
  encodeObservation,
  ENCODING_VERSION,
  MOTIF_SLOT,
  NO_RETRIEVAL,
  OBSERVATION_LAYOUT,
  OBSERVATION_SIZE,
  PATTERN_SLOT,
  RETRIEVAL_SOURCES,
  summarizeRetrieval,
  TOOL_INDEX,
  toolAt,
  type ObservationInput,
  type RetrievalSourceName,
  type RetrievalSummary,
  type SpectralSummary,
} from './encoding/index.js';
/** The tool-choice environment over the labelled query set, and greedy evaluation on a split. */
export {
  createToolChoiceEnvironment,
  patternByLength,
  SIMULATED_RETRIEVAL,
  TOOL_CHOICE_REWARD,
  type DetectMotifNames,
  type EmbedTexts,
  type ToolChoiceEnvironment,
  type ToolChoiceEnvironmentOptions,
  type ToolChoiceExample,
} from './envs/tool-choice.js';
export {
  DEFAULT_TOOL_CHOICE_FIXTURE,
  loadToolChoiceDataset,
  normalizeQuery,
  parseToolChoiceDataset,
  type LabelledQuery,
  type QueryFamily,
  type ToolChoiceDataset,
  type ToolChoiceSplit,
} from './envs/tool-choice-dataset.js';
export {
  evaluateToolChoice,
  type SuccessTally,
  type ToolChoiceEvaluation,
  type ToolChooser,
} from './envs/tool-choice-evaluation.js';
/** The reflection buffer: experiences persisted per tenant (FIFO 1,000), rewards, stats, learning signals. */
export {
  createReflectionBuffer,
  DEFAULT_REFLECTION_CAPACITY,
  deriveLearningSignals,
  recommendationScore,
  SIGNAL_RULES,
  type LearningSignal,
  type LearningSignalType,
  type OutcomeStats,
  type ReflectionBuffer,
  type ReflectionBufferOptions,
  type ReflectionExperience,
  type ReflectionStats,
  type RewardedEpisode,
  type StoredExperience,
  type ToolStats,
} from './reflection/index.js';
/** The environment contract the PPO trainer drives, and CartPole-v1 to prove the trainer on. */
export type { Environment, StepResult } from './envs/types.js';
export { CARTPOLE, cartPoleDynamics, createCartPole, type CartPoleEnvironment, type CartPoleState } from './envs/cartpole.js';
/*
 * PPO (kernels, the tfjs actor-critic, the update and trainer, checkpoints) has its own entry,
 * `./ppo/index.js`: importing it loads tfjs (~0.3 s, ~60 MB), so the server imports it lazily,
 * when it first trains, instead of on every start.
 */
/** PPO on each tenant's rewarded weaves, off the request path; tfjs loads with the first run. */
export { createTrainingService, SERVER_PPO_CONFIG, type TrainingService, type TrainingServiceOptions } from './training/training-service.js';
export { createSqliteTrainingRunLog, INTERRUPTED_RUN_ERROR, RUNS_KEPT_PER_TENANT, type TrainingRunLog } from './training/run-log.js';
export type { TrainingEvent, TrainingReason, TrainingRun, TrainingStatus } from './training/types.js';
