import { toInteger, toNumber, type GraphDb } from '../../../graphdb/index.js';
import { normalizeEntityName } from '../../entities.js';
import type { GraphNeighborhood, NeighborEntity } from '../../types.js';
import {
  clampDepth,
  MAX_NEIGHBOR_ENTITIES,
  MAX_NEIGHBOR_MEMORIES,
  MIN_SAMPLE_PER_ENTITY,
  RING_SAMPLE,
} from '../../neighborhood-limits.js';

import { recordsById } from './read-memories.js';

/**
 * One ring of the walk: the frontier entities' newest memories (a per-entity share of the ring
 * sample, so hub entities stay cheap) and, for each, the entities it mentions that the walk has
 * not visited. The frontier's names come back too (the centre's spelling, for the first ring).
 */
const RING = `
MATCH (f:Entity {tenant: $tenant}) WHERE f.key IN $frontier
WITH collect(f) AS frontier
CALL (frontier) {
  UNWIND frontier AS f
  CALL (f) {
    MATCH (f)<-[:MENTIONS]-(m:Memory {tenant: $tenant})
    RETURN m ORDER BY m.seq DESC LIMIT $perEntity
  }
  WITH DISTINCT m
  RETURN collect([m.id, m.seq, [(m)-[:MENTIONS]->(e:Entity {tenant: $tenant}) WHERE NOT e.key IN $visited | [e.key, e.name]]]) AS sampled
}
RETURN [f IN frontier | f.name] AS names, sampled`;

interface SampledMemory {
  readonly id: string;
  readonly seq: number;
  /** Unvisited entities it mentions, as [key, name]. */
  readonly entities: readonly (readonly [string, string])[];
}

interface Ring {
  readonly names: string[];
  /** Newest first. */
  readonly sampled: SampledMemory[];
}

function toSampled(row: unknown[]): SampledMemory {
  const [id, seq, entities] = row;
  return {
    id: String(id),
    seq: toNumber(seq),
    entities: (entities as unknown[][]).map(([key, name]) => [String(key), String(name)] as const),
  };
}

async function readRing(db: GraphDb, tenant: string, frontier: readonly string[], visited: ReadonlySet<string>): Promise<Ring> {
  const perEntity = Math.max(MIN_SAMPLE_PER_ENTITY, Math.ceil(RING_SAMPLE / Math.max(1, frontier.length)));
  const params = { tenant, frontier: [...frontier], visited: [...visited], perEntity: toInteger(perEntity) };
  const [ring] = await db.read(RING, params, (record) => ({
    names: (record.get('names') as unknown[]).map(String),
    sampled: (record.get('sampled') as unknown[][]).map(toSampled).sort((a, b) => b.seq - a.seq),
  }));
  return ring ?? { names: [], sampled: [] };
}

/** Entities co-mentioned in the sample, most shared first (ties by key, for a stable order). */
function nextRing(sampled: readonly SampledMemory[]): { key: string; name: string; shared: number }[] {
  const shared = new Map<string, { key: string; name: string; shared: number }>();
  for (const memory of sampled) {
    for (const [key, name] of memory.entities) {
      const entry = shared.get(key) ?? { key, name, shared: 0 };
      entry.shared += 1;
      shared.set(key, entry);
    }
  }
  return [...shared.values()].sort((a, b) => b.shared - a.shared || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * The embedded store's walk and caps over Cypher: breadth-first rings of co-mentioned entities
 * (one query per ring), then one read of the memories walked through. Not found when the tenant
 * has no entity with that normalized name.
 */
export async function findNeighborhood(db: GraphDb, tenant: string, entity: string, depth: number): Promise<GraphNeighborhood> {
  const centreKey = normalizeEntityName(entity);
  const visited = new Set([centreKey]);
  const entities: NeighborEntity[] = [];
  const walked = new Set<string>();
  let frontier = [centreKey];
  let centreName: string | undefined;
  for (let distance = 1; distance <= clampDepth(depth) && frontier.length > 0; distance++) {
    const ring = await readRing(db, tenant, frontier, visited);
    centreName ??= ring.names[0];
    if (centreName === undefined) {
      return { entity, found: false, entities: [], memories: [] };
    }
    ring.sampled.forEach((memory) => walked.add(memory.id));
    frontier = [];
    for (const next of nextRing(ring.sampled)) {
      if (entities.length < MAX_NEIGHBOR_ENTITIES && !visited.has(next.key)) {
        visited.add(next.key);
        frontier.push(next.key);
        entities.push({ name: next.name, distance, sharedMemories: next.shared });
      }
    }
  }
  const ids = [...walked].slice(0, MAX_NEIGHBOR_MEMORIES);
  const records = await recordsById(db, tenant, ids);
  const memories = ids.flatMap((id) => {
    const record = records.get(id);
    return record === undefined ? [] : [record];
  });
  return { entity: centreName ?? entity, found: true, entities, memories };
}
