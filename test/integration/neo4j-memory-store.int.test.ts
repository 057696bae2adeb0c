import { createHash, randomUUID } from 'node:crypto';

import type { Record as Neo4jRecord } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { createHashingEmbedder } from '../../src/embedding/index.js';
import { createGraphDb, type GraphDb } from '../../src/graphdb/index.js';
import { createNeo4jMemoryStore, type EmbedFn, type MemoryStore, type Neo4jMemoryStoreOptions } from '../../src/memory/index.js';
import { checkMemoryIndexes } from '../../src/memory/backends/neo4j/schema.js';
import { describeMemoryStoreContract, FACTS, type MemoryStoreHarness } from '../contract/memory-store.contract.js';
import { capturingLogger } from '../support/capturing-logger.js';

const connection = inject('neo4j');
const DIMENSIONS = 384;
const hashing = createHashingEmbedder();
const hashEmbed: EmbedFn = (texts) => hashing.embed(texts);

function openGraphDb(): GraphDb {
  const { uri, user, password } = connection!;
  return createGraphDb({ uri, user, password });
}

function storeOver(db: GraphDb, overrides: Partial<Neo4jMemoryStoreOptions> = {}): MemoryStore {
  return createNeo4jMemoryStore({ db, embed: hashEmbed, dimensions: DIMENSIONS, ...overrides });
}

/** A store over its own connection; `reopen` makes a new store over the same connection. */
function openHarness(): Promise<MemoryStoreHarness> {
  const db = openGraphDb();
  let current = storeOver(db);
  return Promise.resolve({
    get store() {
      return current;
    },
    async reopen() {
      await current.close();
      current = storeOver(db);
      return current;
    },
    async cleanup() {
      await current.close();
      await db.close();
    },
  });
}

const numbered = (count: number, tag: string): { text: string }[] =>
  Array.from({ length: count }, (_, i) => ({ text: `${tag} entry ${i}: sensor cluster ${i * 7919} reported code word w${i}q.` }));

describe.runIf(connection !== null)('Neo4j memory store', () => {
  describeMemoryStoreContract('neo4j', openHarness);

  describe('graph details', () => {
    let db: GraphDb;
    let store: MemoryStore;
    const tenants: string[] = [];
    const newTenant = (label = 't'): string => {
      const tenant = `${label}_${randomUUID()}`;
      tenants.push(tenant);
      return tenant;
    };

    beforeAll(() => {
      db = openGraphDb();
      store = storeOver(db);
    });

    afterAll(async () => {
      await db.writeTransaction(async (tx) => {
        await tx.run('MATCH (m:Memory) WHERE m.tenant IN $tenants DETACH DELETE m', { tenants });
        await tx.run('MATCH (e:Entity) WHERE e.tenant IN $tenants DETACH DELETE e', { tenants });
        await tx.run('MATCH (t:Tenant) WHERE t.id IN $tenants DELETE t', { tenants });
      });
      await store.close();
      await db.close();
    });

    const chainOf = (tenant: string): Promise<string[][]> =>
      db.read(
        'MATCH (a:Memory {tenant: $tenant})-[:NEXT_IN_TIME]->(b:Memory) RETURN a.text AS before, b.text AS after ORDER BY a.seq',
        { tenant },
        (record) => [String(record.get('before')), String(record.get('after'))],
      );

    it('creates its schema idempotently, once per connection, and shares it between stores', async () => {
      const other = openGraphDb();
      try {
        const tenant = newTenant();
        await Promise.all([storeOver(other).count(tenant), storeOver(other).count(tenant), store.count(tenant)]);
        const indexes = await db.read(
          "SHOW INDEXES YIELD name WHERE name IN ['memory_embedding', 'memory_text', 'memory_tenant_seq'] RETURN name",
          {},
          (record) => String(record.get('name')),
        );
        expect(indexes.sort()).toEqual(['memory_embedding', 'memory_tenant_seq', 'memory_text']);
      } finally {
        await other.close();
      }
    });

    it('refuses a vector index of another size with a message that says how to fix it', async () => {
      const other = openGraphDb();
      try {
        const wide = createNeo4jMemoryStore({ db: other, embed: hashEmbed, dimensions: 768 });
        const attempt = wide.count(newTenant());
        await expect(attempt).rejects.toThrow(/memory_embedding.*384-dim.*768-dim.*DROP INDEX memory_embedding.*created for 768 dimensions/s);
        // Still refused on the next call (the check is retried, not forgotten).
        await expect(wide.recall({ tenant: 'x', text: 'y', k: 1 })).rejects.toThrow(/384-dim/);
      } finally {
        await other.close();
      }
    });

    it('relinks NEXT_IN_TIME around a forgotten memory, also at either end of the chain', async () => {
      const tenant = newTenant();
      const [a, b, c] = await store.remember(tenant, [{ text: 'alpha' }, { text: 'bravo' }, { text: 'charlie' }]);
      await store.remember(newTenant(), [{ text: 'delta' }]);
      expect(await chainOf(tenant)).toEqual([['alpha', 'bravo'], ['bravo', 'charlie']]);

      await store.forget(tenant, b!.id);
      expect(await chainOf(tenant)).toEqual([['alpha', 'charlie']]);

      await store.forget(tenant, c!.id);
      await store.remember(tenant, [{ text: 'echo' }, { text: 'foxtrot' }]);
      expect(await chainOf(tenant)).toEqual([['alpha', 'echo'], ['echo', 'foxtrot']]);

      await store.forget(tenant, a!.id);
      expect(await chainOf(tenant)).toEqual([['echo', 'foxtrot']]);
      expect(await store.count(tenant)).toBe(2);
    });

    it('serializes concurrent writers of one tenant: unique seqs, one chain, exact count', async () => {
      const tenant = newTenant();
      await Promise.all(Array.from({ length: 6 }, (_, i) => store.remember(tenant, numbered(5, `batch${i}`))));

      const seqs = await db.read('MATCH (m:Memory {tenant: $tenant}) RETURN m.seq AS seq ORDER BY seq', { tenant }, (record) => Number(record.get('seq')));
      expect(seqs).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      expect(await chainOf(tenant)).toHaveLength(29);
      expect(await store.count(tenant)).toBe(30);
    });

    it('keeps keyword search inside the tenant through tenantKey, whatever the tenant id holds', async () => {
      const owner = newTenant('owner: "x" OR *');
      const other = newTenant();
      const [mine] = await store.remember(owner, [{ text: 'Quokkas smile for photographs.' }]);
      const [theirs] = await store.remember(other, [{ text: 'Quokkas smile for photographs.' }]);

      const hits = await store.recall({ tenant: owner, text: 'quokkas photographs', k: 5, graph: false });
      const [stored] = await db.read('MATCH (m:Memory {tenant: $owner}) RETURN m.tenantKey AS key', { owner }, (record) => String(record.get('key')));

      expect(hits.map((hit) => hit.memory.id)).toEqual([mine!.id]);
      expect(hits[0]?.sources).toEqual(['VECTOR', 'KEYWORD']);
      expect(hits.map((hit) => hit.memory.id)).not.toContain(theirs!.id);
      expect(stored).toBe(`t${createHash('sha1').update(owner).digest('hex')}`);
    });

    it('finds a small tenant’s memories in a larger index by widening the HNSW ask', async () => {
      const crowd = newTenant('crowd');
      await store.remember(crowd, numbered(600, 'crowd'));
      const small = newTenant('small');
      const records = await store.remember(small, numbered(30, 'small'));
      const { logger, lines } = capturingLogger();
      // Force HNSW with a deliberately small first ask, so only widening can fill the list.
      const annOnly = storeOver(db, { vectorTuning: { exactLimit: 0, exactRatio: 1e9, overFetch: 0.05 }, logger });

      const hits = await annOnly.recall({ tenant: small, text: numbered(30, 'small')[17]!.text, k: 10, keyword: false, graph: false });

      expect(hits[0]?.memory.id).toBe(records[17]?.id);
      expect(hits).toHaveLength(10);
      expect(hits.every((hit) => hit.memory.tenant === small)).toBe(true);
      expect(lines.some((line) => line.includes('vector search widened'))).toBe(true);
    });

    it('reads entities in mention order, with the spelling the graph first stored', async () => {
      const tenant = newTenant();
      const [first] = await store.remember(tenant, [{ text: 'NASA and ESA met in Paris.' }]);
      const [second] = await store.remember(tenant, [{ text: 'Berlin hosted Nasa.' }]);

      expect(first?.entities).toEqual(['NASA', 'ESA', 'Paris']);
      expect(second?.entities).toEqual(['Berlin', 'NASA']);
      expect(await store.getMany(tenant, [second!.id, first!.id])).toEqual([second, first]);
    });

    it('rejects a query vector of the wrong size', async () => {
      await expect(store.recall({ tenant: newTenant(), text: 'x', k: 1, vector: new Float32Array(3) })).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
      });
    });

    it('recalls in a few round trips and loads many ids in one', async () => {
      const tenant = newTenant();
      const records = await store.remember(tenant, FACTS.map((text) => ({ text })));
      const before = db.queryCount();
      await store.getMany(tenant, records.map((record) => record.id));
      const afterGetMany = db.queryCount();
      await store.recall({ tenant, text: FACTS[3], k: 5, sessionId: 'any' });

      expect(afterGetMany - before).toBe(1);
      // vector, keyword and recency side by side, then the graph hop, then the winners' rows.
      expect(db.queryCount() - afterGetMany).toBe(5);
    });
  });
});

describe('Neo4j memory store without a server', () => {
  it('fails every call with BACKEND_UNAVAILABLE and recovers nothing by itself', async () => {
    const db = createGraphDb({ uri: 'bolt://127.0.0.1:1', user: 'neo4j', password: 'unused', connectionTimeoutMs: 500, maxRetryTimeMs: 0 });
    const store = storeOver(db);
    try {
      await expect(store.ping()).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
      await expect(store.count('t')).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
      await expect(store.remember('t', [{ text: 'Nothing will be stored.' }])).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
      await expect(store.recall({ tenant: 't', text: 'anything', k: 3 })).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    } finally {
      await store.close();
      await db.close();
    }
  });
});

describe('Neo4j memory schema check', () => {
  /** A GraphDb that answers SHOW INDEXES with `rows` and nothing else. */
  const answering = (rows: readonly Record<string, unknown>[]): GraphDb =>
    ({
      read: <T>(_cypher: string, _params: unknown, map: (record: Neo4jRecord) => T) =>
        Promise.resolve(rows.map((row) => map({ get: (key: string) => row[key] ?? null } as unknown as Neo4jRecord))),
    }) as unknown as GraphDb;
  const vectorIndex = { name: 'memory_embedding', type: 'VECTOR', properties: ['embedding'], dimensions: 384, similarity: 'COSINE' };

  it('names the equivalent index that keeps memory_text from being created', async () => {
    const db = answering([vectorIndex, { name: 'mt', type: 'FULLTEXT', properties: ['text', 'tenantKey'] }]);

    await expect(checkMemoryIndexes(db, 384)).rejects.toThrow(/no fulltext index "memory_text".*"mt" blocks it.*DROP INDEX mt/);
  });

  it('accepts the indexes it creates', async () => {
    const db = answering([vectorIndex, { name: 'memory_text', type: 'FULLTEXT', properties: ['text', 'tenantKey'] }]);

    await expect(checkMemoryIndexes(db, 384)).resolves.toBeUndefined();
  });
});
