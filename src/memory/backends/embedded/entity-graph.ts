import type { SqliteDatabase } from '../../../storage/index.js';
import { normalizeEntityName } from '../../entities.js';

const IN_LIST = 'SELECT value FROM json_each(?)';

/** An entity row. */
export interface EntityRow {
  readonly eid: number;
  readonly name: string;
}

/** One MENTIONS link. */
export interface Mention {
  readonly seq: number;
  readonly eid: number;
}

function prepareWrites(db: SqliteDatabase) {
  return {
    // DO UPDATE (a no-op) rather than DO NOTHING so RETURNING yields the id of an existing entity.
    upsert: db.prepare<[string, string, string], { eid: number }>(
      `INSERT INTO entities (tenant, name, norm_name) VALUES (?, ?, ?)
       ON CONFLICT (tenant, norm_name) DO UPDATE SET norm_name = excluded.norm_name
       RETURNING eid`,
    ),
    mention: db.prepare<[number, number]>('INSERT OR IGNORE INTO mentions (memory_seq, entity_id) VALUES (?, ?)'),
    removeOrphans: db.prepare<[string, string]>(
      `DELETE FROM entities WHERE tenant = ? AND eid IN (${IN_LIST})
       AND NOT EXISTS (SELECT 1 FROM mentions WHERE entity_id = entities.eid)`,
    ),
  };
}

function prepareReads(db: SqliteDatabase) {
  return {
    mentionsOf: db.prepare<[string], Mention>(
      `SELECT memory_seq AS seq, entity_id AS eid FROM mentions WHERE memory_seq IN (${IN_LIST})`,
    ),
    named: db.prepare<[string, string], EntityRow>(
      `SELECT eid, name FROM entities WHERE tenant = ? AND norm_name IN (${IN_LIST})`,
    ),
    namesOf: db.prepare<[string], EntityRow>(`SELECT eid, name FROM entities WHERE eid IN (${IN_LIST})`),
    // Walks the (entity_id, memory_seq) index backwards: cost is `limit`, however popular the entity.
    latestMentioning: db.prepare<[number, number], { seq: number }>(
      'SELECT memory_seq AS seq FROM mentions WHERE entity_id = ? ORDER BY memory_seq DESC LIMIT ?',
    ),
  };
}

/**
 * The entity side of the graph: MENTIONS links and lookups. Entity ids belong to one tenant, so
 * links found from an entity id never leave that tenant.
 */
export function createEntityGraph(db: SqliteDatabase) {
  const writes = prepareWrites(db);
  const reads = prepareReads(db);
  return {
    /** Records that memory `seq` mentions `names`; call inside the writing transaction. */
    link(tenant: string, seq: number, names: readonly string[]): void {
      for (const name of names) {
        const entity = writes.upsert.get(tenant, name, normalizeEntityName(name));
        if (entity !== undefined) {
          writes.mention.run(seq, entity.eid);
        }
      }
    },
    /** Deletes those of `eids` that no memory mentions any more. */
    removeOrphans(tenant: string, eids: readonly number[]): void {
      if (eids.length > 0) {
        writes.removeOrphans.run(tenant, JSON.stringify(eids));
      }
    },
    /** Every MENTIONS link of the memories `seqs`. */
    mentionsOf: (seqs: readonly number[]): Mention[] =>
      seqs.length === 0 ? [] : reads.mentionsOf.all(JSON.stringify(seqs)),
    /** Entities of `tenant` whose normalized name is one of `normNames`. */
    named: (tenant: string, normNames: readonly string[]): EntityRow[] =>
      normNames.length === 0 ? [] : reads.named.all(tenant, JSON.stringify(normNames)),
    namesOf: (eids: readonly number[]): EntityRow[] => (eids.length === 0 ? [] : reads.namesOf.all(JSON.stringify(eids))),
    /** The `limit` most recently stored memories that mention `eid`, newest first. */
    latestMentioning: (eid: number, limit: number): number[] =>
      reads.latestMentioning.all(eid, limit).map((row) => row.seq),
  };
}

export type EntityGraph = ReturnType<typeof createEntityGraph>;
