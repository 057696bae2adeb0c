import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { createGraphDb, toDate, toInteger, toNumber, type GraphDb } from '../../src/graphdb/index.js';
import type { MemoryRecord } from '../../src/memory/index.js';
import { loadNeo4jSpacetimeStore, type Spacetime, type SpacetimeStore } from '../../src/spacetime/index.js';

// The index loads the Neo4j store on demand (the embedded default never loads neo4j-driver).
const createNeo4jSpacetimeStore = await loadNeo4jSpacetimeStore();

const connection = inject('neo4j');

/** Tenants unique to this run: other suites share the database, and cleanup deletes only these. */
const tenant = `st-${randomUUID()}`;
const otherTenant = `st-${randomUUID()}`;

const memory = (id: string, text: string, createdAt: string): MemoryRecord => ({
  id,
  tenant,
  text,
  createdAt: new Date(createdAt),
  tags: ['travel', 'europe'],
  entities: ['Paris', 'France'],
  source: 'chat',
  sessionId: 'sess_42',
});

/** A weave as the shuttle produces it: three memories in context, one of them since forgotten. */
function realisticSpacetime(id: string, createdAt: Date, owner = tenant): Spacetime {
  return {
    id,
    tenant: owner,
    query: 'What is the capital of France?',
    mode: 'FUSED',
    tool: 'ANSWER',
    response: 'Paris is the capital of France.',
    confidence: 0.8125,
    cacheHit: false,
    durationMs: 12.375,
    createdAt,
    sessionId: 'sess_42',
    motifs: ['question', 'definition'],
    context: [
      { memory: memory('mem_paris', 'Paris is the capital of France.', '2024-05-01T10:00:00.123Z'), score: 1, sources: ['VECTOR', 'KEYWORD'] },
      { memory: memory('mem_gone', 'A memory forgotten before the save.', '2024-05-02T10:00:00.000Z'), score: 0.61, sources: ['GRAPH'] },
      { memory: memory('mem_seine', 'The Seine flows through Paris.', '2024-05-03T08:30:00.999Z'), score: 0.42, sources: ['RECENCY'] },
    ],
    toolScores: [
      { tool: 'ANSWER', probability: 0.7, banditMean: 0.64 },
      { tool: 'SEARCH', probability: 0.2, banditMean: 0.5 },
      { tool: 'CALC', probability: 0.1, banditMean: 0.5 },
    ],
    trace: [
      { name: 'features', durationMs: 0.4, detail: { motifs: ['question', 'definition'], tokens: 7 } },
      { name: 'retrieve', durationMs: 8.1, detail: { pattern: 'FUSED', hits: 3, createdAt: 'not a date' } },
      { name: 'decide', durationMs: 0.2, detail: {} },
    ],
    bucket: 'question',
    reward: null,
    error: null,
    errorCode: null,
  };
}

describe.runIf(connection !== null)('Neo4j spacetime store', () => {
  let db: GraphDb;
  let store: SpacetimeStore;

  async function createMemory(id: string, accessCount: number | null): Promise<void> {
    await db.writeTransaction((tx) =>
      tx.run('CREATE (m:Memory {tenant: $tenant, id: $id, text: $id, createdAt: datetime()}) SET m.accessCount = $accessCount', {
        tenant,
        id,
        // An INTEGER, as the memory module writes it.
        accessCount: accessCount === null ? null : toInteger(accessCount),
      }),
    );
  }

  async function accessCount(id: string): Promise<number | null> {
    const [count] = await db.read('MATCH (m:Memory {tenant: $tenant, id: $id}) RETURN m.accessCount AS n', { tenant, id }, (r) => {
      const value: unknown = r.get('n');
      return value === null ? null : toNumber(value);
    });
    return count ?? null;
  }

  beforeAll(async () => {
    db = createGraphDb(connection!);
    store = createNeo4jSpacetimeStore({ db });
    await createMemory('mem_paris', 0);
    // Written before accessCount existed: the increment treats a missing count as 0.
    await createMemory('mem_seine', null);
  });

  afterAll(async () => {
    await db.writeTransaction((tx) => tx.run('MATCH (n) WHERE n.tenant IN $tenants DETACH DELETE n', { tenants: [tenant, otherTenant] }));
    await db.close();
  });

  it('gives back exactly what was saved, Dates as Dates', async () => {
    const original = realisticSpacetime('st_roundtrip', new Date('2024-06-01T12:00:00.456Z'));
    await store.save(original);
    const loaded = await store.get(tenant, 'st_roundtrip');
    expect(loaded).toStrictEqual(original);
    expect(loaded?.createdAt).toBeInstanceOf(Date);
    expect(loaded?.context[2]?.memory.createdAt).toBeInstanceOf(Date);
    expect((await store.list(tenant, 10, 0)).find((s) => s.id === 'st_roundtrip')).toStrictEqual(original);
    expect(await store.get(tenant, 'st_missing')).toBeUndefined();
    expect(await store.get(otherTenant, 'st_roundtrip')).toBeUndefined();
  });

  it('stores the Weave properties of the graph model, body without the reward', async () => {
    const [weave] = await db.read('MATCH (w:Weave {tenant: $tenant, id: $id}) RETURN w', { tenant, id: 'st_roundtrip' }, (r) => {
      const node = r.get('w') as { properties: Record<string, unknown> };
      return node.properties;
    });
    expect(weave).toBeDefined();
    const { createdAt, body, durationMs, ...plain } = weave!;
    expect(toDate(createdAt).toISOString()).toBe('2024-06-01T12:00:00.456Z');
    expect(toNumber(durationMs)).toBe(12.375);
    expect(JSON.parse(String(body))).not.toHaveProperty('reward');
    // Null properties (reward, errorCode, feedback) are not stored at all.
    expect(plain).toStrictEqual({
      id: 'st_roundtrip',
      tenant,
      query: 'What is the capital of France?',
      tool: 'ANSWER',
      mode: 'FUSED',
      response: 'Paris is the capital of France.',
      confidence: 0.8125,
      cacheHit: false,
      sessionId: 'sess_42',
    });
  });

  it('links the used memories that still exist, with score and 1-based rank, and counts the access', async () => {
    const links = await db.read(
      'MATCH (:Weave {tenant: $tenant, id: $id})-[u:USED]->(m:Memory) RETURN m.id AS id, u.score AS score, u.rank AS rank ORDER BY u.rank',
      { tenant, id: 'st_roundtrip' },
      (r) => ({ id: String(r.get('id')), score: toNumber(r.get('score')), rank: toNumber(r.get('rank')) }),
    );
    expect(links).toEqual([
      { id: 'mem_paris', score: 1, rank: 1 },
      { id: 'mem_seine', score: 0.42, rank: 3 },
    ]);
    expect(await accessCount('mem_paris')).toBe(1);
    expect(await accessCount('mem_seine')).toBe(1);
  });

  it('saves in one transaction: a duplicate id is rejected and changes nothing', async () => {
    const before = db.queryCount();
    await expect(store.save(realisticSpacetime('st_roundtrip', new Date()))).rejects.toThrow();
    // Schema already in place, so the whole save was one round trip.
    expect(db.queryCount() - before).toBe(1);
    expect(await accessCount('mem_paris')).toBe(1);
    const [weaves] = await db.read('MATCH (w:Weave {tenant: $tenant}) RETURN count(w) AS n', { tenant }, (r) => toNumber(r.get('n')));
    expect(weaves).toBe(1);
  });

  it('counts every access when weaves save concurrently', async () => {
    const saves = Array.from({ length: 12 }, (_, i) => store.save(realisticSpacetime(`st_parallel_${i}`, new Date(Date.UTC(2024, 6, 1, 0, 0, i)))));
    await Promise.all(saves);
    expect(await accessCount('mem_paris')).toBe(13);
    expect(await accessCount('mem_seine')).toBe(13);
  });

  it('keeps the weave when a used memory is forgotten while the save waits for its lock', async () => {
    await createMemory('mem_doomed', 0);
    const doomed = (id: string): Spacetime => {
      const base = realisticSpacetime(id, new Date('2024-02-01T00:00:00Z'));
      return { ...base, context: [{ ...base.context[0]!, memory: { ...base.context[0]!.memory, id: 'mem_doomed' } }, base.context[2]!] };
    };
    // A forget in progress: it holds the memory until it commits.
    const session = db.driver.session();
    const forget = await session.beginTransaction();
    await forget.run('MATCH (m:Memory {tenant: $tenant, id: "mem_doomed"}) DETACH DELETE m', { tenant });
    const saving = store.save(doomed('st_raced'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await forget.commit();
    await session.close();

    await expect(saving).resolves.toBeUndefined();
    const used = await db.read('MATCH (:Weave {tenant: $tenant, id: "st_raced"})-[:USED]->(m) RETURN m.id AS id', { tenant }, (r) => String(r.get('id')));
    expect(used).toEqual(['mem_seine']);
    expect(await store.get(tenant, 'st_raced')).toStrictEqual(doomed('st_raced'));
    await db.writeTransaction((tx) => tx.run('MATCH (w:Weave {tenant: $tenant, id: "st_raced"}) DETACH DELETE w', { tenant }));
  });

  it('lists newest first, pages, keeps tenants apart and orders equal timestamps stably', async () => {
    const same = new Date('2030-01-01T00:00:00.000Z');
    await store.save(realisticSpacetime('st_tie_a', same));
    await store.save(realisticSpacetime('st_tie_b', same));
    await store.save(realisticSpacetime('st_newest', new Date('2031-01-01T00:00:00.000Z')));
    await store.save(realisticSpacetime('st_other', new Date('2032-01-01T00:00:00.000Z'), otherTenant));

    const firstPage = await store.list(tenant, 3, 0);
    expect(firstPage.map((s) => s.id)).toEqual(['st_newest', 'st_tie_b', 'st_tie_a']);
    const all = await store.list(tenant, 100, 0);
    expect(all).toHaveLength(16);
    const times = all.map((s) => s.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect((await store.list(tenant, 2, 1)).map((s) => s.id)).toEqual(['st_tie_b', 'st_tie_a']);
    expect(await store.list(tenant, 0, 0)).toEqual([]);
    expect((await store.list(otherTenant, 10, 0)).map((s) => s.id)).toEqual(['st_other']);
  });

  it('records the reward and the feedback behind it, only for an existing weave of the tenant', async () => {
    expect(await store.setReward(tenant, 'st_roundtrip', 0.75, { rating: 5, success: true, comment: 'spot on' })).toBe(true);
    expect(await store.setReward(otherTenant, 'st_roundtrip', 0.1)).toBe(false);
    expect(await store.setReward(tenant, 'st_missing', 0.1)).toBe(false);

    const loaded = await store.get(tenant, 'st_roundtrip');
    expect(loaded?.reward).toBe(0.75);
    expect(loaded).toStrictEqual({ ...realisticSpacetime('st_roundtrip', new Date('2024-06-01T12:00:00.456Z')), reward: 0.75 });
    const [feedback] = await db.read('MATCH (w:Weave {tenant: $tenant, id: $id}) RETURN w.feedback AS f', { tenant, id: 'st_roundtrip' }, (r) =>
      JSON.parse(String(r.get('f'))) as unknown,
    );
    expect(feedback).toEqual({ rating: 5, success: true, comment: 'spot on' });
  });

  it('keeps a reward given at save time and the error fields of a failed weave', async () => {
    const failed: Spacetime = { ...realisticSpacetime('st_failed', new Date('2024-01-01T00:00:00Z')), context: [], reward: -0.5, error: 'tool timed out', errorCode: 'TIMEOUT' };
    await store.save(failed);
    expect(await store.get(tenant, 'st_failed')).toStrictEqual(failed);
  });

  it('creates the Weave uniqueness constraint and the (tenant, createdAt) range index', async () => {
    const constraints = await db.read("SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type WHERE 'Weave' IN labelsOrTypes RETURN properties, type", {}, (r) => ({
      properties: r.get('properties') as string[],
      type: String(r.get('type')),
    }));
    expect(constraints).toContainEqual({ properties: ['tenant', 'id'], type: 'UNIQUENESS' });
    const indexes = await db.read("SHOW INDEXES YIELD labelsOrTypes, properties, type WHERE 'Weave' IN labelsOrTypes RETURN properties, type", {}, (r) => ({
      properties: r.get('properties') as string[],
      type: String(r.get('type')),
    }));
    expect(indexes).toContainEqual({ properties: ['tenant', 'createdAt'], type: 'RANGE' });
  });

  it('rejects with BACKEND_UNAVAILABLE after close and leaves the shared connection open', async () => {
    const own = createNeo4jSpacetimeStore({ db });
    await own.close();
    await expect(own.get(tenant, 'st_roundtrip')).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    await expect(own.save(realisticSpacetime('st_after_close', new Date()))).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    await expect(store.get(tenant, 'st_roundtrip')).resolves.toBeDefined();
  });

  it('rejects with BACKEND_UNAVAILABLE when Neo4j does not answer', async () => {
    const down = createGraphDb({ uri: 'bolt://127.0.0.1:1', user: 'neo4j', password: 'unused' });
    try {
      const unreachable = createNeo4jSpacetimeStore({ db: down });
      await expect(unreachable.list(tenant, 10, 0)).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    } finally {
      await down.close();
    }
  });
});

