import { FeedbackResolver } from './learning/feedback.resolver.js';
import { PolicyResolver } from './learning/policy.resolver.js';
import { TrainingResolver } from './learning/training.resolver.js';
import { MemoryResolver } from './memory/memory.resolver.js';
import { MetricsResolver } from './system/metrics.resolver.js';
import { SystemResolver } from './system/system.resolver.js';
import { WeaveResolver } from './weave/weave.resolver.js';

/** Every type-graphql resolver class, handed to the schema builder by the composition root. */
export const resolvers = [WeaveResolver, MemoryResolver, FeedbackResolver, PolicyResolver, TrainingResolver, SystemResolver, MetricsResolver] as const;

export { createHoloContext, type HoloContext, type Loaders } from './context.js';
export { LIMITS } from './limits.js';
export type { HealthReport, OutcomeReport, PolicyStatsReport, Services } from './services.js';
export { TOPICS, type TopicPayloads } from './topics.js';
