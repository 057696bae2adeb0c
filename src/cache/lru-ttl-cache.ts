import { LRUCache } from 'lru-cache';

/** Counters a cache reports; `hitRate` is hits / lookups (0 before the first lookup). */
export interface CacheStats {
  readonly size: number;
  readonly capacity: number;
  readonly ttlMs: number;
  readonly hits: number;
  readonly misses: number;
  readonly evictions: number;
  readonly hitRate: number;
}

/** A bounded key-value cache whose entries expire; knows nothing of what it stores. */
export interface TtlCache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  delete(key: string): void;
  /** Drops every entry whose key starts with `prefix` (e.g. one tenant's entries). */
  deletePrefix(prefix: string): number;
  clear(): void;
  stats(): CacheStats;
}

export interface LruCacheOptions {
  /** Most entries kept; the least recently used goes first. */
  readonly max: number;
  /** Entry lifetime in milliseconds. */
  readonly ttlMs: number;
}

/**
 * An LRU + TTL cache with hit/miss/eviction counters. Built on `lru-cache`, which is
 * well-tested and O(1); we add only the statistics the API reports.
 */
export function createLruCache<V extends object>({ max, ttlMs }: LruCacheOptions): TtlCache<V> {
  const counters = { hits: 0, misses: 0, evictions: 0 };
  const cache = new LRUCache<string, V>({
    max,
    ttl: ttlMs,
    // Expired entries count as misses and are dropped on read, as the original did.
    allowStale: false,
    dispose: (_value, _key, reason) => {
      if (reason === 'evict') {
        counters.evictions++;
      }
    },
  });
  return {
    get(key) {
      const value = cache.get(key);
      if (value === undefined) {
        counters.misses++;
      } else {
        counters.hits++;
      }
      return value;
    },
    set: (key, value) => void cache.set(key, value),
    delete: (key) => void cache.delete(key),
    deletePrefix(prefix) {
      const doomed = [...cache.keys()].filter((key) => key.startsWith(prefix));
      doomed.forEach((key) => cache.delete(key));
      return doomed.length;
    },
    clear: () => cache.clear(),
    stats() {
      const lookups = counters.hits + counters.misses;
      return {
        size: cache.size,
        capacity: max,
        ttlMs,
        ...counters,
        hitRate: lookups === 0 ? 0 : counters.hits / lookups,
      };
    },
  };
}
