/** LRU + TTL caches with statistics; knows no domain. */
export { createLruCache, type CacheStats, type LruCacheOptions, type TtlCache } from './lru-ttl-cache.js';
