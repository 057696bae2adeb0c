import { createLruCache, type CacheStats } from '../cache/index.js';
import type { Spacetime } from '../spacetime/index.js';

import type { WeaveRequest } from './weave-state.js';

/** The original's spacetime cache: 50 entries for 300 s. */
export const QUERY_CACHE_MAX = 50;
export const QUERY_CACHE_TTL_MS = 300_000;

/** Finished spacetimes by tenant, normalized query and mode; a tenant's writes invalidate its entries. */
export interface QueryCache {
  get(request: WeaveRequest): Spacetime | undefined;
  /**
   * Caches a spacetime woven while the tenant's memories were at `generation`; a write that
   * landed meanwhile has moved the generation on, and the stale answer is dropped.
   */
  set(request: WeaveRequest, spacetime: Spacetime, generation: number): void;
  /** Bumped by every invalidation of the tenant. */
  generation(tenant: string): number;
  invalidateTenant(tenant: string): void;
  clear(): void;
  stats(): CacheStats;
}

/** Case, spacing and trailing punctuation do not change what a query asks. */
export function normalizeQuery(query: string): string {
  return query.toLowerCase().replace(/\s+/g, ' ').trim().replace(/[\s?!.]+$/u, '');
}

// NUL cannot occur in validated input, so it separates key parts unambiguously.
const SEP = '\u0000';

function keyOf(request: WeaveRequest): string {
  const parts = [request.mode, request.tool ?? '', request.sessionId ?? '', normalizeQuery(request.query)];
  return `${request.tenant}${SEP}${parts.join(SEP)}`;
}

/** Creates the query cache. */
export function createQueryCache({ max = QUERY_CACHE_MAX, ttlMs = QUERY_CACHE_TTL_MS } = {}): QueryCache {
  const cache = createLruCache<Spacetime>({ max, ttlMs });
  const generations = new Map<string, number>();
  const generation = (tenant: string): number => generations.get(tenant) ?? 0;
  return {
    get: (request) => cache.get(keyOf(request)),
    set(request, spacetime, woven) {
      if (woven === generation(request.tenant)) {
        cache.set(keyOf(request), spacetime);
      }
    },
    generation,
    invalidateTenant(tenant) {
      generations.set(tenant, generation(tenant) + 1);
      cache.deletePrefix(`${tenant}${SEP}`);
    },
    clear: () => cache.clear(),
    stats: () => cache.stats(),
  };
}
