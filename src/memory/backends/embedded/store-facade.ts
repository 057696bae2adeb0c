import { AppError, type Clock } from '../../../shared/index.js';
import type { SqliteDatabase } from '../../../storage/index.js';
import type { EmbedFn, MemoryRecord, MemoryStore, NewMemory, RecallHit, RecallQuery } from '../../types.js';

import type { LiveIndexes } from './live-indexes.js';
import { toRecord } from './memory-row.js';
import type { MemoryWriter } from './memory-writer.js';
import type { ProjectionFitter } from './projection-fit.js';
import { projectionToStore } from './projector.js';
import { findNeighborhood } from './neighborhood.js';
import { prepareMemories, validateTexts } from '../../prepare-memories.js';
import { checkQueryVector } from '../../recall-shape.js';
import { runRecall, type RecallDeps } from './recall.js';

/** Everything the embedded store's methods work with, already open and prepared. */
export interface StoreDeps extends RecallDeps {
  /** Fits the PCA projection once the store is big enough (and refits as it grows). */
  readonly fitter: ProjectionFitter;
  readonly db: SqliteDatabase;
  readonly writer: MemoryWriter;
  readonly live: LiveIndexes;
  readonly embed: EmbedFn;
  readonly dimensions: number;
  readonly clock: Clock;
}

/** Tracks closing and turns synchronous SQLite work, and its throws, into promises. */
function createLifecycle(db: SqliteDatabase) {
  let closed = false;
  const assertOpen = (): void => {
    if (closed) {
      throw new AppError('BACKEND_UNAVAILABLE', 'The embedded memory store is closed.');
    }
  };
  return {
    assertOpen,
    run<T>(work: () => T): Promise<T> {
      try {
        assertOpen();
        return Promise.resolve(work());
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
    close(): Promise<void> {
      if (!closed) {
        closed = true;
        db.close();
      }
      return Promise.resolve();
    },
  };
}

type Lifecycle = ReturnType<typeof createLifecycle>;

async function remember(deps: StoreDeps, life: Lifecycle, tenant: string, memories: readonly NewMemory[]): Promise<MemoryRecord[]> {
  life.assertOpen();
  validateTexts(memories);
  if (memories.length === 0) {
    return [];
  }
  const { dimensions, clock, writer, live } = deps;
  const embedded = await deps.embed(memories.map((memory) => memory.text));
  // The store may have closed while the embedder ran.
  life.assertOpen();
  const createdAtMs = clock.now();
  const prepared = prepareMemories(tenant, memories, embedded, { dimensions, createdAtMs }).map((memory) => ({
    ...memory,
    projected: projectionToStore(deps.projector.current, memory.vector),
  }));
  const seqs = writer.insertAll(tenant, prepared);
  // Only after the commit: a failed transaction leaves the in-process indexes untouched.
  live.add(
    prepared.map(({ record, vector, projected }, i) => ({ seq: seqs[i] ?? -1, tenant, createdAtMs, text: record.text, vector, projected })),
  );
  deps.fitter.maybeFit(deps.directory.size);
  return prepared.map((memory) => memory.record);
}

async function recall(deps: StoreDeps, life: Lifecycle, query: RecallQuery): Promise<RecallHit[]> {
  life.assertOpen();
  const [vector] = query.vector === undefined ? await deps.embed([query.text]) : [query.vector];
  life.assertOpen();
  return runRecall(deps, query, checkQueryVector(vector, deps.dimensions));
}

function forget(deps: StoreDeps, tenant: string, id: string): boolean {
  const found = deps.table.find(tenant, id);
  if (found === undefined) {
    return false;
  }
  deps.writer.remove(tenant, found.seq);
  deps.live.remove(found.seq, found.text);
  return true;
}

/** The embedded store: a MemoryStore plus a way to wait for its background maintenance. */
export interface EmbeddedMemoryStore extends MemoryStore {
  /** Resolves once no PCA fit is running (evaluation and tests wait on it). */
  idle(): Promise<void>;
}

/** The MemoryStore methods over open deps. Every failure, "closed" included, is a rejection. */
export function createStoreFacade(deps: StoreDeps): EmbeddedMemoryStore {
  const { db, table, graph } = deps;
  const life = createLifecycle(db);
  const ping = db.prepare('SELECT 1');
  return {
    backend: 'embedded',
    remember: (tenant, memories) => remember(deps, life, tenant, memories),
    getMany: (tenant, ids) =>
      life.run(() => {
        const byId = new Map(table.byIds(tenant, [...new Set(ids)]).map((row) => [row.id, toRecord(row)]));
        return ids.map((id) => byId.get(id));
      }),
    forget: (tenant, id) => life.run(() => forget(deps, tenant, id)),
    recall: (query) => recall(deps, life, query),
    neighborhood: (tenant, entity, depth) => life.run(() => findNeighborhood({ graph, table }, tenant, entity, depth)),
    count: (tenant) => life.run(() => table.count(tenant)),
    ping: () =>
      life.run(() => {
        try {
          ping.get();
        } catch (error) {
          throw new AppError('BACKEND_UNAVAILABLE', 'The memory database does not answer.', { cause: error });
        }
      }),
    idle: () => deps.fitter.idle(),
    close: async () => {
      // A background PCA fit touches the database: let it notice and finish first.
      deps.fitter.stop();
      await deps.fitter.idle();
      await life.close();
    },
  };
}
