import type { CacheStats } from '../cache/index.js';
import type { Logger } from '../observability/index.js';
import type { Spacetime, SpacetimeStore } from '../spacetime/index.js';

import { WEAVE_STEPS } from './cycle.js';
import { runCycle, type ProgressSink, type WeaveProgressEvent } from './pipeline.js';
import type { QueryCache } from './query-cache.js';
import type { StepDeps, WeaveRequest, WeaveStepDefinition } from './weave-state.js';

/** Runs weaves: cache, cycle, persistence, progress. */
export interface Shuttle {
  weave(request: WeaveRequest): Promise<Spacetime>;
  cacheStats(): CacheStats;
  clearCache(): void;
}

export interface ShuttleOptions {
  readonly deps: StepDeps;
  readonly cache: QueryCache;
  readonly spacetimes: SpacetimeStore;
  readonly progress: ProgressSink;
  readonly logger: Logger;
  /** The cycle; tests may pass their own. @default WEAVE_STEPS */
  readonly steps?: readonly WeaveStepDefinition[];
}

/** Creates the shuttle that weaves queries into spacetimes. */
export function createShuttle(options: ShuttleOptions): Shuttle {
  const { deps, cache, spacetimes, progress, logger, steps = WEAVE_STEPS } = options;

  async function fromCache(request: WeaveRequest, cached: Spacetime, startMs: number): Promise<Spacetime> {
    const durationMs = deps.clock.monotonicMs() - startMs;
    const step = { name: 'cache', durationMs, detail: { hitOf: cached.id } };
    const spacetime: Spacetime = {
      ...cached,
      id: request.id,
      sessionId: request.sessionId,
      cacheHit: true,
      durationMs,
      createdAt: new Date(deps.clock.now()),
      trace: [step],
      reward: null,
    };
    await spacetimes.save(spacetime);
    progress(cacheEvent(request, step.durationMs, cached.id));
    return spacetime;
  }

  async function woven(request: WeaveRequest): Promise<Spacetime> {
    const { spacetime, finalEvent } = await runCycle(request, steps, deps, progress);
    if (spacetime.error === null && request.useCache) {
      cache.set(request, spacetime);
    } else if (spacetime.error !== null) {
      logger.warn({ weaveId: spacetime.id, code: spacetime.errorCode, error: spacetime.error }, 'weave failed');
    }
    await spacetimes.save(spacetime);
    progress(finalEvent);
    return spacetime;
  }

  return {
    async weave(request) {
      const startMs = deps.clock.monotonicMs();
      const cached = request.useCache ? cache.get(request) : undefined;
      return cached === undefined ? woven(request) : fromCache(request, cached, startMs);
    },
    cacheStats: () => cache.stats(),
    clearCache: () => cache.clear(),
  };
}

function cacheEvent(request: WeaveRequest, durationMs: number, hitOf: string): WeaveProgressEvent {
  return {
    weaveId: request.id,
    tenant: request.tenant,
    step: 'cache',
    index: 0,
    total: 1,
    durationMs,
    detail: { hitOf },
    done: true,
    error: null,
  };
}
