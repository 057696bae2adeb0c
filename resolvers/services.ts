import type { CacheStats } from '../src/cache/index.js';
import type { FeedbackService } from '../src/learning/index.js';
import type { MemoryStore } from '../src/memory/index.js';
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

/** What the GraphQL edge needs from the application; `app/` provides it. */
export interface Services {
  readonly shuttle: Shuttle;
  readonly store: MemoryStore;
  readonly spacetimes: SpacetimeStore;
  readonly feedback: FeedbackService;
  readonly health: (tenant: string) => Promise<HealthReport>;
  readonly embeddingCacheStats: () => CacheStats;
}
