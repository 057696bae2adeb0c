/** The reflection buffer: every weave's experience in SQLite, rewards from feedback, stats and signals. */
export {
  createReflectionBuffer,
  DEFAULT_REFLECTION_CAPACITY,
  type ReflectionBuffer,
  type ReflectionBufferOptions,
} from './reflection-buffer.js';
export { deriveLearningSignals, SIGNAL_RULES, type RewardedEpisode } from './learning-signals.js';
export { recommendationScore } from './reflection-stats.js';
export type {
  LearningSignal,
  LearningSignalType,
  OutcomeStats,
  ReflectionExperience,
  ReflectionStats,
  StoredExperience,
  ToolStats,
} from './types.js';
