import { createHash, randomUUID } from 'node:crypto';

import type { ManagedTransaction, Record as Neo4jRecord } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { createHashingEmbedder } from '../../src/embedding/index.js';
import { createGraphDb, type GraphDb } from '../../src/graphdb/index.js';
import { loadNeo4jMemoryStore, type EmbedFn, type MemoryStore, type Neo4jMemoryStoreOptions } from '../../src/memory/index.js';
import { toLuceneQuery } from '../../src/memory/backends/neo4j/keyword-search.js';
import { checkMemoryIndexes } from '../../src/memory/backends/neo4j/schema.js';
import { WRITE_CHUNK } from '../../src/memory/backends/neo4j/write-memories.js';
import { describeMemoryStoreContract, FACTS, type MemoryStoreHarness } from '../contract/memory-store.contract.js';
import { capturingLogger } from '../support/capturing-logger.js';

const connection = inject('neo4j');
// The index loads the Neo4j backend on demand (the embedded default never loads neo4j-driver).
const createNeo4jMemoryStore = await loadNeo4jMemoryStore();
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

    /** The tenant's memory ids in seq order, and its NEXT_IN_TIME links as id pairs. */
    async function timeline(tenant: string): Promise<{ ids: string[]; links: string[][] }> {
      const ids = await db.read('MATCH (m:Memory {tenant: $tenant}) RETURN m.id AS id ORDER BY m.seq', { tenant }, (r) => String(r.get('id')));
      const links = await db.read(
        'MATCH (a:Memory {tenant: $tenant})-[:NEXT_IN_TIME]->(b) RETURN a.id AS before, b.id AS after ORDER BY a.seq',
        { tenant },
        (r) => [String(r.get('before')), String(r.get('after'))],
      );
      return { ids, links };
    }

    it('keeps the count and one NEXT_IN_TIME path in seq order under concurrent remembers and forgets', async () => {
      const tenant = newTenant();
      const initial = await store.remember(tenant, numbered(12, 'initial'));
      // Each worker forgets its batch's second and newest memory (the chain's tail) while others append.
      const worker = async (i: number): Promise<void> => {
        const batch = await store.remember(tenant, numbered(5, `batch${i}`));
        await Promise.all([store.forget(tenant, batch[1]!.id), store.forget(tenant, batch[4]!.id)]);
        await store.remember(tenant, numbered(3, `late${i}`));
      };
      const forgets = initial.filter((_, i) => i % 2 === 1).map((record) => store.forget(tenant, record.id));
      const [forgotten] = await Promise.all([Promise.all(forgets), Promise.all(Array.from({ length: 8 }, (_, i) => worker(i)))]);

      const { ids, links } = await timeline(tenant);
      expect(forgotten).toEqual(Array.from({ length: 6 }, () => true));
      expect(ids).toHaveLength(6 + 8 * 6);
      expect(await store.count(tenant)).toBe(ids.length);
      expect(links).toEqual(ids.slice(1).map((id, i) => [ids[i], id]));
    });

    it('writes nothing, counters and chain included, when a remember fails part-way', async () => {
      const tenant = newTenant();
      await store.remember(tenant, [{ text: 'kept from before the failure.' }]);
      // The second chunk's statement fails after the first chunk ran in the same transaction.
      const failSecondRun = (tx: ManagedTransaction): ManagedTransaction => {
        let runs = 0;
        const run = (cypher: string, params: Record<string, unknown>) => (++runs === 2 ? Promise.reject(new Error('second chunk lost')) : tx.run(cypher, params));
        return { run } as unknown as ManagedTransaction;
      };
      const failing = storeOver({ ...db, writeTransaction: (work) => db.writeTransaction((tx) => work(failSecondRun(tx))) });

      await expect(failing.remember(tenant, numbered(WRITE_CHUNK + 10, 'Atomic'))).rejects.toThrow('second chunk lost');
      const [tenantNode] = await db.read('MATCH (t:Tenant {id: $tenant}) RETURN t.lastSeq AS seq, t.memoryCount AS count', { tenant }, (r) => [Number(r.get('seq')), Number(r.get('count'))]);
      const [entities] = await db.read('MATCH (e:Entity {tenant: $tenant}) RETURN count(e) AS n', { tenant }, (r) => Number(r.get('n')));
      expect(tenantNode).toEqual([1, 1]);
      expect(entities).toBe(0);
      expect(await timeline(tenant)).toEqual({ ids: [expect.any(String)], links: [] });
    });

    it('never follows a stray edge into another tenant: records, neighbourhood, recall and forget', async () => {
      const [mine, theirs] = [newTenant(), newTenant()];
      const [paris, louvre] = await store.remember(mine, [{ text: 'Ada flew to Paris.' }, { text: 'Ada saw the Louvre in Paris.' }]);
      const [foreign] = await store.remember(theirs, [{ text: 'Grace sailed to Zanzibar.' }]);
      // Edges HoloLoom never writes: into another tenant's entity, from its memory, along its chain.
      await db.writeTransaction((tx) =>
        tx.run(
          `MATCH (p:Memory {tenant: $mine, id: $paris}), (l:Memory {tenant: $mine, id: $louvre}), (f:Memory {tenant: $theirs}), (e:Entity {tenant: $mine, key: 'paris'})
           CREATE (p)-[:MENTIONS {position: 7}]->(:Entity {tenant: $theirs, key: 'kraken', name: 'Kraken'}), (f)-[:MENTIONS {position: 7}]->(e), (l)-[:NEXT_IN_TIME]->(f)`,
          { mine, theirs, paris: paris!.id, louvre: louvre!.id },
        ),
      );
      const near = await store.neighborhood(mine, 'Paris', 3);
      const hits = await store.recall({ tenant: mine, text: 'Kraken Grace Zanzibar Paris', k: 10 });

      expect((await store.getMany(mine, [paris!.id]))[0]?.entities).toEqual(['Ada', 'Paris']);
      expect(near.entities.map((entity) => entity.name).sort()).toEqual(['Ada', 'Louvre']);
      expect(near.memories.map((memory) => memory.id).sort()).toEqual([paris!.id, louvre!.id].sort());
      expect(hits.every((hit) => hit.memory.tenant === mine)).toBe(true);
      expect(await store.forget(mine, louvre!.id)).toBe(true);
      expect(await timeline(mine)).toEqual({ ids: [paris!.id], links: [] });
      expect(await store.forget(mine, paris!.id)).toBe(true);
      const left = await db.read('MATCH (e:Entity) WHERE e.tenant IN [$mine, $theirs] RETURN e.tenant + "/" + e.name AS entity ORDER BY entity', { mine, theirs }, (r) => String(r.get('entity')));
      // Mine went with their last memory; theirs all stay, even the Kraken that only the stray edge named.
      expect(left).toEqual(['Grace', 'Kraken', 'Zanzibar'].map((name) => `${theirs}/${name}`));
      expect(await store.getMany(theirs, [foreign!.id])).toEqual([foreign]);
      expect(await timeline(theirs)).toEqual({ ids: [foreign!.id], links: [] });
    });

    it('recalls with a query full of Lucene syntax, treating it as plain words', async () => {
      const tenant = newTenant();
      const [target] = await store.remember(tenant, [{ text: 'Deploy title prod now, said the wiki.' }]);
      const syntax = 'title:deploy AND prod OR +now -x && y || !z (a) {b} [c] d^2 "open ~1 * ? : \\ / NOT *:* AND OR NOT';

      const hits = await store.recall({ tenant, text: syntax, k: 3, graph: false });

      expect(hits[0]?.memory.id).toBe(target!.id);
      expect(hits[0]?.sources).toContain('KEYWORD');
      for (const text of ['+ - && || ! ( ) { } [ ] ^ " ~ * ? : \\ /', 'AND OR NOT', '*:*', '\u0301\u0301', 'x'.repeat(5_000)]) {
        await expect(store.recall({ tenant, text, k: 3 })).resolves.toBeInstanceOf(Array);
      }
      expect(toLuceneQuery('a:b OR "c" \\ d* NOT', 'tkey')).toBe('+tenantKey:tkey +text:("b" "c" "d" "not")');
    });

    it('recalls beside a memory, and for a query, whose embedding has no direction (all zeros)', async () => {
      const tenant = newTenant();
      const [blank, plain] = await store.remember(tenant, [{ text: '!!! ???', sessionId: 's' }, { text: 'Otters hold hands while they sleep.' }]);

      const hits = await store.recall({ tenant, text: 'otters sleep', k: 5, sessionId: 's' });
      const none = await store.recall({ tenant, text: '?!', k: 5, sessionId: 's' });

      expect(hits.map((hit) => hit.memory.id)).toEqual([plain!.id, blank!.id]);
      expect(none.map((hit) => [hit.memory.id, hit.sources])).toEqual([[blank!.id, ['RECENCY']]]);
      expect(none[0]?.vector).toEqual(new Float32Array(DIMENSIONS));
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
