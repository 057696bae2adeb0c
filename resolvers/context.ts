import DataLoader from 'dataloader';

import type { MemoryRecord } from '../src/memory/index.js';

import type { Services } from './services.js';

/** Per-request loaders: fresh for every operation, so nothing leaks between requests. */
export interface Loaders {
  readonly memoryById: DataLoader<string, MemoryRecord | undefined>;
}

/** The context every resolver receives. */
export interface HoloContext {
  readonly tenant: string;
  readonly services: Services;
  readonly loaders: Loaders;
}

/** Builds one request's context; HTTP and WebSocket operations share it. */
export function createHoloContext(services: Services, tenant: string): HoloContext {
  const memoryById = new DataLoader<string, MemoryRecord | undefined>((ids) =>
    services.store.getMany(tenant, ids),
  );
  return { tenant, services, loaders: { memoryById } };
}
