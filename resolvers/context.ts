import DataLoader from 'dataloader';

import type { GraphNeighborhood, MemoryRecord } from '../src/memory/index.js';

import type { Services } from './services.js';

/** A neighbourhood request as a loader key: depth, then the entity name. */
type NeighborhoodKey = `${number}:${string}`;

/** Per-request loaders: fresh for every operation, so nothing leaks between requests. */
export interface Loaders {
  /** All `memoryRecord` lookups of one operation become one store read. */
  readonly memoryById: DataLoader<string, MemoryRecord | undefined>;
  /** Repeated `neighborhood` fields of one operation (aliases) are read once per entity and depth. */
  readonly neighborhood: DataLoader<NeighborhoodKey, GraphNeighborhood>;
}

/** The context every resolver receives. */
export interface HoloContext {
  readonly tenant: string;
  readonly services: Services;
  readonly loaders: Loaders;
}

export const neighborhoodKey = (entity: string, depth: number): NeighborhoodKey => `${depth}:${entity}`;

function createNeighborhoodLoader(services: Services, tenant: string): DataLoader<NeighborhoodKey, GraphNeighborhood> {
  return new DataLoader<NeighborhoodKey, GraphNeighborhood>((keys) =>
    Promise.all(
      keys.map((key) => {
        const split = key.indexOf(':');
        return services.store.neighborhood(tenant, key.slice(split + 1), Number(key.slice(0, split)));
      }),
    ),
  );
}

function createLoaders(services: Services, tenant: string): Loaders {
  const memoryById = new DataLoader<string, MemoryRecord | undefined>((ids) => services.store.getMany(tenant, ids));
  return { memoryById, neighborhood: createNeighborhoodLoader(services, tenant) };
}

/**
 * One request's context. The loaders are made on first use (most operations, weaves and
 * remembers, never batch a read) behind a getter on the prototype: Apollo copies a context's own
 * properties for each operation (Object.assign), which would call an own getter and build them anyway.
 */
class RequestContext implements HoloContext {
  private madeLoaders: Loaders | undefined = undefined;

  constructor(
    readonly services: Services,
    readonly tenant: string,
  ) {}

  get loaders(): Loaders {
    this.madeLoaders ??= createLoaders(this.services, this.tenant);
    return this.madeLoaders;
  }
}

/** Builds one request's context; HTTP and WebSocket operations share it. */
export function createHoloContext(services: Services, tenant: string): HoloContext {
  return new RequestContext(services, tenant);
}
