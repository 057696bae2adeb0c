import type { CacheStats } from '../cache/index.js';
import type { Logger } from '../observability/index.js';
import { BadInputError, type ToolName } from '../shared/index.js';
import { cacheHitTrace, repeatSpacetime, type Spacetime, type SpacetimeStore } from '../spacetime/index.js';

import { WEAVE_STEPS } from './cycle.js';
import { runCycle, type ProgressSink, type WeaveProgressEvent } from './pipeline.js';
import type { QueryCache } from './query-cache.js';
import type { StepDeps, WeaveRequest, WeaveStepDefinition } from './weave-state.js';

/** Tools with side effects: replaying their answer from the cache would skip the effect. */
const UNCACHEABLE_TOOLS: ReadonlySet<ToolName> = new Set(['NOTE']);

/** Runs weaves: cache, cycle, persistence, progress. */
export interface Shuttle {
  weave(request: WeaveRequest): Promise<Spacetime>;
  cacheStats(): CacheStats;
  /** Drops one tenant's cached answers. */
  clearCache(tenant: string): void;
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

  /** Storing is best effort: a failed write is logged, and the client still gets its answer. */
  async function store(spacetime: Spacetime, repeatOf?: string): Promise<void> {
    await spacetimes.save(spacetime, repeatOf).catch((error: unknown) => {
      logger.error({ err: error, weaveId: spacetime.id }, 'could not store spacetime');
    });
  }

  async function fromCache(request: WeaveRequest, cached: Spacetime, startMs: number): Promise<Spacetime> {
    const durationMs = deps.clock.monotonicMs() - startMs;
    const spacetime = repeatSpacetime(cached, {
      id: request.id,
      sessionId: request.sessionId,
      durationMs,
      createdAt: new Date(deps.clock.now()),
      trace: cacheHitTrace(durationMs, cached.id),
    });
    await store(spacetime, cached.id);
    progress(cacheEvent(request, durationMs, cached.id));
    return spacetime;
  }

  async function woven(request: WeaveRequest): Promise<Spacetime> {
    const generation = cache.generation(request.tenant);
    const { spacetime, finalEvent } = await runCycle(request, steps, deps, progress);
    if (spacetime.error !== null) {
      logger.warn({ weaveId: spacetime.id, code: spacetime.errorCode, error: spacetime.error }, 'weave failed');
    } else if (request.useCache && !UNCACHEABLE_TOOLS.has(spacetime.tool)) {
      cache.set(request, spacetime, generation);
    }
    await store(spacetime);
    progress(finalEvent);
    return spacetime;
  }

  return {
    async weave(request) {
      const startMs = deps.clock.monotonicMs();
      if (request.freshId !== true && (await spacetimes.get(request.tenant, request.id)) !== undefined) {
        throw new BadInputError(`A spacetime with id "${request.id}" already exists; choose a new id.`, { field: 'input.id' });
      }
      const cached = request.useCache ? cache.get(request) : undefined;
      return cached === undefined ? woven(request) : fromCache(request, cached, startMs);
    },
    cacheStats: () => cache.stats(),
    clearCache: (tenant) => cache.invalidateTenant(tenant),
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
