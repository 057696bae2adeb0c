import { normalizeEntityName } from '../../entities.js';
import { clampDepth, MAX_NEIGHBOR_ENTITIES, MAX_NEIGHBOR_MEMORIES, MIN_SAMPLE_PER_ENTITY, RING_SAMPLE } from '../../neighborhood-limits.js';
import type { GraphNeighborhood, NeighborEntity } from '../../types.js';

import type { EntityGraph } from './entity-graph.js';
import { toRecord } from './memory-row.js';
import type { MemoryTable } from './memory-table.js';

/** The newest memories of each frontier entity, newest first, without repeats. */
function sampleRing(graph: EntityGraph, frontier: readonly number[]): number[] {
  const perEntity = Math.max(MIN_SAMPLE_PER_ENTITY, Math.ceil(RING_SAMPLE / Math.max(1, frontier.length)));
  const seqs = new Set(frontier.flatMap((eid) => graph.latestMentioning(eid, perEntity)));
  return [...seqs].sort((a, b) => b - a);
}

/** Entities co-mentioned in `sampled` that are not yet visited, most shared first. */
function nextRing(graph: EntityGraph, sampled: readonly number[], visited: ReadonlySet<number>): [number, number][] {
  const shared = new Map<number, number>();
  for (const { eid } of graph.mentionsOf(sampled)) {
    if (!visited.has(eid)) {
      shared.set(eid, (shared.get(eid) ?? 0) + 1);
    }
  }
  return [...shared].sort(([eidA, a], [eidB, b]) => b - a || eidA - eidB);
}

/** Breadth-first rings of co-mentioned entities, and the memories each step went through. */
function walk(graph: EntityGraph, centre: number, depth: number) {
  const visited = new Set([centre]);
  const found: { eid: number; distance: number; shared: number }[] = [];
  const walked: number[] = [];
  let frontier = [centre];
  for (let distance = 1; distance <= depth && frontier.length > 0; distance++) {
    const sampled = sampleRing(graph, frontier);
    walked.push(...sampled);
    frontier = [];
    for (const [eid, shared] of nextRing(graph, sampled, visited)) {
      if (found.length < MAX_NEIGHBOR_ENTITIES) {
        visited.add(eid);
        frontier.push(eid);
        found.push({ eid, distance, shared });
      }
    }
  }
  return { found, walked: [...new Set(walked)].slice(0, MAX_NEIGHBOR_MEMORIES) };
}

/**
 * Entities within `depth` co-mention hops of `entity` (two entities are adjacent when one memory
 * mentions both), and the memories the walk went through (those mentioning an entity closer than
 * `depth`), nearest ring first, newest first within a ring. The name matches case-insensitively.
 */
export function findNeighborhood(
  deps: { readonly graph: EntityGraph; readonly table: MemoryTable },
  tenant: string,
  entity: string,
  depth: number,
): GraphNeighborhood {
  const centre = deps.graph.named(tenant, [normalizeEntityName(entity)])[0];
  if (centre === undefined) {
    return { entity, found: false, entities: [], memories: [] };
  }
  const { found, walked } = walk(deps.graph, centre.eid, clampDepth(depth));
  const names = new Map(deps.graph.namesOf(found.map((item) => item.eid)).map((row) => [row.eid, row.name]));
  const entities: NeighborEntity[] = found.map(({ eid, distance, shared }) => ({ name: names.get(eid) ?? '', distance, sharedMemories: shared }));
  const rows = new Map(deps.table.bySeqs(tenant, walked).map((row) => [row.seq, row]));
  const memories = walked.flatMap((seq) => {
    const row = rows.get(seq);
    return row === undefined ? [] : [toRecord(row)];
  });
  return { entity: centre.name, found: true, entities, memories };
}
