/** The weave cycle: pattern cards, steps, pipeline, query cache and the shuttle that runs it. */
export { assessComplexity, type Complexity } from './complexity.js';
export { WEAVE_STEPS } from './cycle.js';
export { withChangeNotifications } from './invalidating-store.js';
export { PATTERN_CARDS, type PatternCard } from './patterns.js';
export { runCycle, type ProgressSink, type WeaveProgressEvent } from './pipeline.js';
export { createQueryCache, normalizeQuery, QUERY_CACHE_MAX, QUERY_CACHE_TTL_MS, type QueryCache } from './query-cache.js';
export { createShuttle, type Shuttle, type ShuttleOptions } from './shuttle.js';
export { attend } from './steps/warp.js';
export { temporalWindowFor, type TemporalWindow } from './temporal-window.js';
export type {
  Experience,
  ExperienceSink,
  ObservationParts,
  Spectrum,
  StepDeps,
  StepOutput,
  WeaveMode,
  WeaveRequest,
  WeaveState,
  WeaveStepDefinition,
} from './weave-state.js';
