import type { MemoryStore } from '../memory/index.js';

/**
 * Wraps a store so every write tells `onChange(tenant)`: the query cache must forget a
 * tenant's answers when its memories change, whoever wrote them (a client or the NOTE tool).
 */
export function withChangeNotifications(store: MemoryStore, onChange: (tenant: string) => void): MemoryStore {
  return {
    backend: store.backend,
    async remember(tenant, memories) {
      const records = await store.remember(tenant, memories);
      onChange(tenant);
      return records;
    },
    async forget(tenant, id) {
      const removed = await store.forget(tenant, id);
      if (removed) {
        onChange(tenant);
      }
      return removed;
    },
    getMany: (tenant, ids) => store.getMany(tenant, ids),
    recall: (query) => store.recall(query),
    neighborhood: (tenant, entity, depth) => store.neighborhood(tenant, entity, depth),
    count: (tenant) => store.count(tenant),
    ping: () => store.ping(),
    ...(store.idle === undefined ? {} : { idle: () => store.idle?.() ?? Promise.resolve() }),
    close: () => store.close(),
  };
}
