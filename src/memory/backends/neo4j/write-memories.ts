import type { Integer, ManagedTransaction } from 'neo4j-driver';

import { fromDate, toInteger, type GraphDb } from '../../../graphdb/index.js';
import { normalizeEntityName } from '../../entities.js';
import type { MemoryRecord } from '../../types.js';
import type { PreparedMemory } from '../../prepare-memories.js';

import { hasDirection, mentionNames, tenantKeyOf } from './memory-node.js';
import { LOCK_TENANT } from './tenant-lock.js';

/** Memories per statement: keeps one Bolt message around a few MB with 768-dim vectors. */
export const WRITE_CHUNK = 250;

/**
 * One chunk of a remember: locks the tenant (serializing its writers until commit) and bumps its
 * counters, creates the memories with their seqs, merges and links their entities, and extends
 * NEXT_IN_TIME from the tenant's newest memory through the chunk in order.
 */
const CREATE_CHUNK = `
MERGE (t:Tenant {id: $tenant})
  ON CREATE SET t.lastSeq = 0, t.memoryCount = 0
${LOCK_TENANT}
SET t.lastSeq = t.lastSeq + size($rows), t.memoryCount = t.memoryCount + size($rows)
WITH t.lastSeq - size($rows) AS base
// Ordering by both index keys lets the (tenant, seq) index hand over the newest row directly.
OPTIONAL CALL (base) {
  MATCH (last:Memory) WHERE last.tenant = $tenant AND last.seq <= base
  RETURN last ORDER BY last.tenant DESC, last.seq DESC LIMIT 1
}
UNWIND range(0, size($rows) - 1) AS i
WITH base, last, i, $rows[i] AS row
CREATE (m:Memory {
  id: row.id, tenant: $tenant, tenantKey: $tenantKey, text: row.text, createdAt: $createdAt,
  seq: base + i + 1, tags: row.tags, source: row.source, sessionId: row.sessionId,
  accessCount: 0, embedding: row.embedding
})
WITH last, i, m, row
CALL (m, row) {
  UNWIND row.entities AS mention
  MERGE (e:Entity {tenant: $tenant, key: mention.key})
    ON CREATE SET e.name = mention.name
  CREATE (m)-[:MENTIONS {position: mention.position}]->(e)
  RETURN collect([mention.position, e.name]) AS mentions
}
WITH last, i, m, mentions ORDER BY i
WITH last, collect(m) AS created, collect(mentions) AS mentionsPerMemory
WITH created, mentionsPerMemory, CASE WHEN last IS NULL THEN created ELSE [last] + created END AS chain
CALL (chain) {
  UNWIND range(0, size(chain) - 2) AS j
  WITH chain[j] AS before, chain[j + 1] AS after
  CREATE (before)-[:NEXT_IN_TIME]->(after)
}
RETURN mentionsPerMemory`;

/** A memory's entities, each once per normalized key (first spelling wins), in text order. */
function mentionRows(entities: readonly string[]): { key: string; name: string; position: Integer }[] {
  const seen = new Set<string>();
  return entities.flatMap((name) => {
    const key = normalizeEntityName(name);
    if (key === '' || seen.has(key)) {
      return [];
    }
    seen.add(key);
    return [{ key, name, position: toInteger(seen.size - 1) }];
  });
}

function chunkParams(tenant: string, memories: readonly PreparedMemory[], createdAt: Date) {
  return {
    tenant,
    tenantKey: tenantKeyOf(tenant),
    createdAt: fromDate(createdAt),
    rows: memories.map(({ record, vector }) => ({
      id: record.id,
      text: record.text,
      tags: [...record.tags],
      source: record.source,
      sessionId: record.sessionId,
      embedding: hasDirection(vector) ? Array.from(vector) : null,
      entities: mentionRows(record.entities),
    })),
  };
}

async function writeChunk(tx: ManagedTransaction, tenant: string, chunk: readonly PreparedMemory[]): Promise<MemoryRecord[]> {
  const createdAt = chunk[0]?.record.createdAt ?? new Date();
  const result = await tx.run(CREATE_CHUNK, chunkParams(tenant, chunk, createdAt));
  const perMemory: unknown = result.records[0]?.get('mentionsPerMemory');
  // Entity names as the graph holds them: an entity keeps the spelling it was first written with.
  const names = Array.isArray(perMemory) ? perMemory.map((mentions: unknown) => mentionNames(mentions)) : [];
  return chunk.map(({ record }, i) => ({ ...record, entities: names[i] ?? [] }));
}

/**
 * Writes prepared memories in one transaction (chunked statements, so a large batch never
 * makes one huge message): all of them or none. Returns the records as getMany will read them.
 */
export async function writeMemories(db: GraphDb, tenant: string, memories: readonly PreparedMemory[]): Promise<MemoryRecord[]> {
  return db.writeTransaction(async (tx) => {
    const written: MemoryRecord[] = [];
    for (let start = 0; start < memories.length; start += WRITE_CHUNK) {
      written.push(...(await writeChunk(tx, tenant, memories.slice(start, start + WRITE_CHUNK))));
    }
    return written;
  });
}
