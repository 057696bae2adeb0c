import type { Logger } from '../../../observability/index.js';
import type { Vector } from '../../../shared/index.js';
import type { SqliteDatabase } from '../../../storage/index.js';

import { createMemoryDirectory, type MemoryDirectory } from './memory-directory.js';
import { blobToVector } from './memory-row.js';
import type { MemoryTable, VectorRow } from './memory-table.js';
import { createTermFrequencies, type TermFrequencies } from './term-frequencies.js';
import type { ProjectorSlot } from './projector.js';
import { createVectorIndex, type VectorEntry, type VectorIndex } from './vector-index.js';

/** Rows per batch when the vector index is filled at start-up. */
const LOAD_BATCH = 4_096;

/** A memory as the in-process indexes see it. */
export interface IndexedMemory {
  readonly seq: number;
  readonly tenant: string;
  readonly createdAtMs: number;
  readonly text: string;
  readonly vector: Vector;
  readonly projected: Vector | null;
}

/** The in-process state rebuilt from SQLite at open: vectors, seq directory, term counts. */
export interface LiveIndexes {
  readonly vectors: VectorIndex;
  readonly directory: MemoryDirectory;
  readonly terms: TermFrequencies;
  /** Call after the memories' transaction committed. */
  add(memories: readonly IndexedMemory[]): void;
  /** Call after the memory's deletion committed. */
  remove(seq: number, text: string): void;
}

export interface LiveIndexOptions {
  readonly dimensions: number;
  readonly projector: ProjectorSlot;
  readonly exactSearchLimit?: number;
  readonly logger?: Logger;
}

/** One scan of the table, in batches; a wrong vector size means another model wrote the file. */
function loadRows(table: MemoryTable, vectors: VectorIndex, dimensions: number, onRow: (row: VectorRow) => void): void {
  let batch: VectorEntry[] = [];
  for (const row of table.allVectors()) {
    const vector = blobToVector(row.vector);
    if (vector.length !== dimensions) {
      throw new Error(
        `memories.db holds ${vector.length}-dim vectors but the store was opened with dimensions=${dimensions}; use the embedder that wrote it or a fresh data folder.`,
      );
    }
    onRow(row);
    batch.push({ key: row.seq, vector, projected: row.projected === null ? null : blobToVector(row.projected) });
    if (batch.length === LOAD_BATCH) {
      vectors.add(batch);
      batch = [];
    }
  }
  vectors.add(batch);
}

/** Builds the in-process indexes from the database. */
export function loadLiveIndexes(db: SqliteDatabase, table: MemoryTable, options: LiveIndexOptions): LiveIndexes {
  const vectors = createVectorIndex(options);
  const directory = createMemoryDirectory();
  loadRows(table, vectors, options.dimensions, (row) => {
    directory.set(row.seq, row.tenant, row.created_at);
  });
  const terms = createTermFrequencies(db);
  return {
    vectors,
    directory,
    terms,
    add(memories) {
      for (const memory of memories) {
        directory.set(memory.seq, memory.tenant, memory.createdAtMs);
        terms.addText(memory.text);
      }
      vectors.add(memories.map((memory) => ({ key: memory.seq, vector: memory.vector, projected: memory.projected })));
    },
    remove(seq, text) {
      directory.delete(seq);
      terms.removeText(text);
      vectors.remove(seq);
    },
  };
}
