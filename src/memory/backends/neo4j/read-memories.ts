import { toNumber, type GraphDb } from '../../../graphdb/index.js';
import type { Vector } from '../../../shared/index.js';
import type { MemoryRecord } from '../../types.js';

import { RECORD_FIELDS, toMemoryRecord, toVector } from './memory-node.js';

/** A memory with its full embedding, as recall returns it. */
export interface MemoryWithVector {
  readonly record: MemoryRecord;
  readonly vector: Vector;
}

// The (tenant, id) uniqueness constraint's index turns `id IN $ids` into one seek per id.
const BY_IDS = `MATCH (m:Memory {tenant: $tenant}) WHERE m.id IN $ids RETURN ${RECORD_FIELDS}`;
const BY_IDS_WITH_VECTOR = `${BY_IDS}, m.embedding AS embedding`;

/** Records of the tenant's memories among `ids` (absent ones are left out), by id. */
export async function recordsById(db: GraphDb, tenant: string, ids: readonly string[]): Promise<Map<string, MemoryRecord>> {
  if (ids.length === 0) {
    return new Map();
  }
  const records = await db.read(BY_IDS, { tenant, ids: [...new Set(ids)] }, (record) => toMemoryRecord(record, tenant));
  return new Map(records.map((record) => [record.id, record]));
}

/** Memories by id in input order, undefined where absent or in another tenant; one query. */
export async function getMany(db: GraphDb, tenant: string, ids: readonly string[]): Promise<(MemoryRecord | undefined)[]> {
  const byId = await recordsById(db, tenant, ids);
  return ids.map((id) => byId.get(id));
}

/** Records and full (`dimensions`-long) vectors of the tenant's memories among `ids`, by id; one query. */
export async function memoriesWithVectors(
  db: GraphDb,
  tenant: string,
  ids: readonly string[],
  dimensions: number,
): Promise<Map<string, MemoryWithVector>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await db.read(BY_IDS_WITH_VECTOR, { tenant, ids: [...new Set(ids)] }, (record) => ({
    record: toMemoryRecord(record, tenant),
    vector: toVector(record.get('embedding'), dimensions),
  }));
  return new Map(rows.map((row) => [row.record.id, row]));
}

/** The tenant's memory count, kept on its Tenant node (0 for a tenant never written). */
export async function countMemories(db: GraphDb, tenant: string): Promise<number> {
  const [count] = await db.read('MATCH (t:Tenant {id: $tenant}) RETURN t.memoryCount AS count', { tenant }, (record) =>
    toNumber(record.get('count')),
  );
  return count ?? 0;
}
