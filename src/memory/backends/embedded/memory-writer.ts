import type { SqliteDatabase } from '../../../storage/index.js';
import type { PreparedMemory } from '../../prepare-memories.js';

import type { EntityGraph } from './entity-graph.js';
import { vectorToBlob } from './memory-row.js';
import type { MemoryTable } from './memory-table.js';
import type { TimeChain } from './time-chain.js';

export interface MemoryWriterDeps {
  readonly db: SqliteDatabase;
  readonly table: MemoryTable;
  readonly graph: EntityGraph;
  readonly chain: TimeChain;
}

/** The two write paths, each one SQLite transaction (so one fsync under synchronous=FULL). */
export function createMemoryWriter({ db, table, graph, chain }: MemoryWriterDeps) {
  const insertOne = (memory: PreparedMemory): number => {
    const { record } = memory;
    const seq = table.insert({
      id: record.id,
      tenant: record.tenant,
      text: record.text,
      createdAt: record.createdAt.getTime(),
      tags: JSON.stringify(record.tags),
      entities: JSON.stringify(record.entities),
      source: record.source,
      sessionId: record.sessionId,
      vector: vectorToBlob(memory.vector),
      projected: memory.projected == null ? null : vectorToBlob(memory.projected),
    });
    graph.link(record.tenant, seq, record.entities);
    return seq;
  };

  /** Rows, FTS rows (by trigger), entities, MENTIONS and NEXT_IN_TIME; returns seqs in order. */
  const insertAll = db.transaction((tenant: string, memories: readonly PreparedMemory[]): number[] => {
    let previous = table.latestSeq(tenant);
    return memories.map((memory) => {
      const seq = insertOne(memory);
      if (previous !== undefined) {
        chain.link(previous, seq);
      }
      previous = seq;
      return seq;
    });
  });

  /** Row, FTS row, MENTIONS, orphaned entities; the time chain closes over the gap. */
  const removeOne = db.transaction((tenant: string, seq: number): void => {
    const mentioned = graph.mentionsOf([seq]).map((link) => link.eid);
    chain.spliceOut(seq, () => {
      table.remove(seq);
    });
    graph.removeOrphans(tenant, mentioned);
  });

  return {
    insertAll: (tenant: string, memories: readonly PreparedMemory[]): number[] => insertAll(tenant, memories),
    remove: (tenant: string, seq: number): void => {
      removeOne(tenant, seq);
    },
  };
}

export type MemoryWriter = ReturnType<typeof createMemoryWriter>;
