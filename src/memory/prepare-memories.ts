import { AppError, BadInputError, newId, type Vector } from '../shared/index.js';

import { extractEntities } from './entities.js';
import type { MemoryRecord, NewMemory } from './types.js';

/** A memory ready to write: its record and full-size embedding (and, embedded store, its stored projection). */
export interface PreparedMemory {
  readonly record: MemoryRecord;
  readonly vector: Vector;
  readonly projected?: Vector | null;
}

/** Rejects memories without text; every other limit is the GraphQL edge's job. */
export function validateTexts(memories: readonly NewMemory[]): void {
  const index = memories.findIndex((memory) => memory.text.trim() === '');
  if (index >= 0) {
    throw new BadInputError(`Memory ${index} has empty text; every memory needs some text.`, { index });
  }
}

function checkVector(vector: Vector | undefined, dimensions: number, index: number): Vector {
  if (vector?.length !== dimensions) {
    throw new AppError('INTERNAL_SERVER_ERROR', `The embedder returned no ${dimensions}-dim vector for memory ${index}.`, {
      details: { index, expected: dimensions, got: vector?.length ?? 0 },
    });
  }
  return vector;
}

/** Gives each memory its id, timestamp, entities and checked embedding (same order as input). */
export function prepareMemories(
  tenant: string,
  memories: readonly NewMemory[],
  vectors: readonly Vector[],
  { dimensions, createdAtMs }: { readonly dimensions: number; readonly createdAtMs: number },
): PreparedMemory[] {
  return memories.map((memory, i) => ({
    record: {
      id: newId('mem'),
      tenant,
      text: memory.text,
      createdAt: new Date(createdAtMs),
      tags: [...(memory.tags ?? [])],
      entities: extractEntities(memory.text),
      source: memory.source ?? null,
      sessionId: memory.sessionId ?? null,
    },
    vector: checkVector(vectors[i], dimensions, i),
  }));
}
