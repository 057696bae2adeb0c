import type { MemoryRecord, RecallHit } from '../../../src/memory/index.js';

/** A hand-built recall hit: just enough memory for the tools to read. */
export function hit(id: string, text: string, score: number, entities: readonly string[] = []): RecallHit {
  const memory: MemoryRecord = {
    id,
    tenant: 'test',
    text,
    createdAt: new Date('2024-05-01T12:00:00Z'),
    tags: [],
    entities,
    source: null,
    sessionId: null,
  };
  return { memory, score, sources: ['VECTOR'], vector: new Float32Array(4) };
}
