import type { CacheStats } from '../src/cache/index.js';
import type { FeedbackService, TrainingService } from '../src/learning/index.js';
import type { MemoryStore } from '../src/memory/index.js';
import type { MetricsSnapshot } from '../src/observability/index.js';
import type { Shuttle } from '../src/shuttle/index.js';
import type { SpacetimeStore } from '../src/spacetime/index.js';

/** A point-in-time health report. */
export interface HealthReport {
  readonly status: 'ok' | 'degraded';
  readonly backend: string;
  readonly embedder: string;
  readonly memoryCount: number;
  readonly uptimeSeconds: number;
  readonly version: string;
}

/** Outcomes of a group of weaves kept for learning. */
export interface OutcomeReport {
  readonly count: number;
  readonly rewarded: number;
  readonly meanReward: number | null;
  readonly successRate: number | null;
}

/** The policyStats answer. */
export interface PolicyStatsReport {
  readonly encodingVersion: string;
  readonly total: OutcomeReport;
  readonly tools: readonly (OutcomeReport & { readonly tool: string; readonly recommendation: number })[];
}

/** What the GraphQL edge needs from the application; `app/` provides it. */
export interface Services {
  readonly shuttle: Shuttle;
  readonly store: MemoryStore;
  readonly spacetimes: SpacetimeStore;
  readonly feedback: FeedbackService;
  readonly health: (tenant: string) => Promise<HealthReport>;
  readonly embeddingCacheStats: () => CacheStats;
  readonly policyStats: (tenant: string) => PolicyStatsReport;
  readonly training: Pick<TrainingService, 'train' | 'runs'>;
  readonly metrics: {
    /** The whole server's figures now. */
    snapshot(): MetricsSnapshot;
    /** A snapshot now and every intervalMs until the subscriber stops. */
    subscribe(intervalMs: number): AsyncIterableIterator<MetricsSnapshot>;
  };
}
