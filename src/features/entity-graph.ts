import type { GraphEdge } from './graph-edge.js';

/** Anything that names entities, e.g. a MemoryRecord. */
export interface EntityBearer {
  readonly entities: readonly string[];
}

/** Memory indices per lower-cased entity; an entity listed twice in one memory counts once. */
function entityIndex(memories: readonly EntityBearer[]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  memories.forEach((memory, position) => {
    for (const entity of new Set(memory.entities.map((name) => name.toLowerCase()))) {
      const holders = index.get(entity) ?? [];
      holders.push(position);
      index.set(entity, holders);
    }
  });
  return index;
}

function sharedCounts(index: Map<string, number[]>, memoryCount: number): Map<number, number> {
  const counts = new Map<number, number>();
  for (const holders of index.values()) {
    for (let i = 0; i < holders.length; i++) {
      for (let j = i + 1; j < holders.length; j++) {
        const key = (holders[i] ?? 0) * memoryCount + (holders[j] ?? 0);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }
  return counts;
}

/**
 * Graph over memories (node i = memories[i]): an edge wherever two memories share entities,
 * weighted by how many they share (case-insensitive). Edges come sorted by (a, b).
 */
export function buildEntityGraph(memories: readonly EntityBearer[]): GraphEdge[] {
  const n = memories.length;
  return [...sharedCounts(entityIndex(memories), n)]
    .sort(([x], [y]) => x - y)
    .map(([key, weight]) => ({ a: Math.floor(key / n), b: key % n, weight }));
}
