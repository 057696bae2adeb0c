import { randomUUID } from 'node:crypto';

import type { GraphDb } from '../../src/graphdb/index.js';

/** Two tenants' graphs, written the way docs/graph-model.md describes, and how to remove them. */
export interface Seeded {
  readonly a: string;
  readonly b: string;
  /** Tenant A's memories in time order (m[0] first). */
  readonly m: readonly string[];
  /** Tenant A's ANSWER weave, which used m[1] (rank 1) and m[0] (rank 2). */
  readonly w1: string;
  /** Tenant B's one memory and its weave. */
  readonly mb: string;
  readonly wb: string;
  remove(): Promise<void>;
}

interface MemoryRow {
  readonly id: string;
  readonly text: string;
  readonly at: string;
  readonly tags: readonly string[];
  readonly session: string;
  readonly entities: readonly string[];
}

const MEMORY_TEXTS: readonly Omit<MemoryRow, 'id'>[] = [
  { text: 'Flew to Paris with Ada.', at: '2024-05-02T08:00:00Z', tags: ['travel', 'may'], session: 's1', entities: ['Ada', 'Paris'] },
  { text: 'Ada showed me the Louvre in Paris.', at: '2024-05-03T08:00:00Z', tags: ['may'], session: 's1', entities: ['Ada', 'Paris'] },
  { text: 'Bought bread.', at: '2024-05-04T08:00:00Z', tags: [], session: 's1', entities: [] },
  { text: 'Train to Berlin.', at: '2024-05-05T08:00:00Z', tags: [], session: 's1', entities: ['Berlin'] },
  { text: 'Back in Paris for good.', at: '2024-05-06T08:00:00Z', tags: ['travel'], session: 's2', entities: ['Paris'] },
];

/** Memories with seq, the NEXT_IN_TIME chain, entities with MENTIONS, and the Tenant counters. */
const WRITE_MEMORIES = `
  MERGE (t:Tenant { id: $tenant }) SET t.lastSeq = size($rows), t.memoryCount = size($rows)
  WITH t
  UNWIND range(0, size($rows) - 1) AS i
  WITH $rows[i] AS row, i
  CREATE (m:Memory { id: row.id, tenant: $tenant, text: row.text, createdAt: datetime(row.at), seq: i + 1,
                     tags: row.tags, source: 'test', sessionId: row.session, importance: null, accessCount: 0,
                     embedding: [0.6, 0.8], tenantKey: 't' + $tenant })
  WITH m, row
  UNWIND range(0, size(row.entities) - 1) AS position
  MERGE (e:Entity { tenant: $tenant, key: toLower(row.entities[position]) })
    ON CREATE SET e.name = row.entities[position], e.kind = null
  CREATE (m)-[:MENTIONS { position: position }]->(e)`;

const LINK_TIME = `
  MATCH (m:Memory { tenant: $tenant }) WITH m ORDER BY m.seq
  WITH collect(m) AS chain
  UNWIND range(0, size(chain) - 2) AS i
  WITH chain[i] AS from, chain[i + 1] AS to
  CREATE (from)-[:NEXT_IN_TIME]->(to)`;

const WRITE_WEAVE = `
  CREATE (w:Weave { id: $id, tenant: $tenant, query: $query, tool: $tool, mode: 'FAST', response: 'ok',
                    confidence: 0.75, reward: null, durationMs: 12.5, createdAt: datetime($at), cacheHit: false,
                    sessionId: 's1', errorCode: null, body: '{}', feedback: null })
  WITH w
  UNWIND $used AS use
  MATCH (m:Memory { id: use.id })
  CREATE (w)-[:USED { score: use.score, rank: use.rank }]->(m)`;

async function writeMemories(db: GraphDb, tenant: string, rows: readonly MemoryRow[]): Promise<void> {
  await db.writeTransaction(async (tx) => {
    await tx.run(WRITE_MEMORIES, { tenant, rows });
    await tx.run(LINK_TIME, { tenant });
  });
}

interface WeaveRow {
  readonly id: string;
  readonly tool: string;
  readonly query: string;
  readonly used: readonly { id: string; score: number; rank: number }[];
}

async function writeWeave(db: GraphDb, tenant: string, weave: WeaveRow): Promise<void> {
  await db.writeTransaction((tx) => tx.run(WRITE_WEAVE, { ...weave, tenant, at: '2024-05-10T09:00:00Z' }));
}

/**
 * Seeds tenant A (five memories, three entities, two weaves) and tenant B (one of each), plus two
 * cross-tenant edges HoloLoom never writes (B's weave USED A's first memory, which MENTIONS B's
 * Paris), so the isolation checks cover nested reads too.
 */
export async function seedTenants(db: GraphDb, a: string, b: string): Promise<Seeded> {
  const newId = (prefix: string): string => `${prefix}_${randomUUID()}`;
  const m = MEMORY_TEXTS.map(() => newId('mem'));
  const [mb, w1, w2, wb] = [newId('mem'), newId('wv'), newId('wv'), newId('wv')];
  await writeMemories(db, a, MEMORY_TEXTS.map((row, i) => ({ ...row, id: m[i]! })));
  await writeMemories(db, b, [{ id: mb, text: 'Paris in spring.', at: '2024-04-01T08:00:00Z', tags: ['b'], session: 's1', entities: ['Paris'] }]);
  await writeWeave(db, a, { id: w1, tool: 'ANSWER', query: 'where was I in May?', used: [{ id: m[1]!, score: 0.5, rank: 1 }, { id: m[0]!, score: 0.25, rank: 2 }] });
  await writeWeave(db, a, { id: w2, tool: 'SEARCH', query: 'berlin', used: [{ id: m[3]!, score: 0.8, rank: 1 }] });
  await writeWeave(db, b, { id: wb, tool: 'ANSWER', query: 'paris?', used: [{ id: mb, score: 1, rank: 1 }, { id: m[0]!, score: 0.1, rank: 2 }] });
  await db.writeTransaction((tx) =>
    tx.run('MATCH (m:Memory { tenant: $a, id: $id }), (e:Entity { tenant: $b, key: "paris" }) CREATE (m)-[:MENTIONS { position: 9 }]->(e)', { a, b, id: m[0] }),
  );
  return {
    a, b, m, w1, mb, wb,
    async remove() {
      await db.writeTransaction(async (tx) => {
        await tx.run('MATCH (n:Memory|Entity|Weave) WHERE n.tenant IN $tenants DETACH DELETE n', { tenants: [a, b] });
        await tx.run('MATCH (t:Tenant) WHERE t.id IN $tenants DELETE t', { tenants: [a, b] });
      });
    },
  };
}
