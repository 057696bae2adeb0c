import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { MemoryStore, RecallHit } from '../../src/memory/index.js';

/** What a backend's test file hands the suite: a fresh store, how to reopen it, how to clean up. */
export interface MemoryStoreHarness {
  readonly store: MemoryStore;
  /** Closes the current store and opens a new one over the same data (durable backends only). */
  readonly reopen?: () => Promise<MemoryStore>;
  /** Closes whatever is open and removes the data. */
  readonly cleanup: () => Promise<void>;
}

/** Distinct one-line facts: no two share a content word. */
export const FACTS = [
  'The Eiffel Tower is 330 metres tall.',
  'Photosynthesis converts sunlight into chemical energy.',
  'The Pacific Ocean is the largest ocean on Earth.',
  'Mount Everest stands on the border of Nepal and China.',
  'Honey never spoils when stored in a sealed jar.',
  'Octopuses have three hearts and blue blood.',
  'Bananas are botanically classified as berries.',
  'Venus rotates in the opposite direction to most planets.',
  'Sharks existed before trees appeared on land.',
  'The adult human skeleton has 206 bones.',
  'Lightning is hotter than the surface of the Sun.',
  'Wombats produce cube-shaped droppings.',
] as const;

/** Each test gets its own tenant, so tests share a store without depending on each other. */
const newTenant = (): string => `t_${randomUUID()}`;

const ids = (hits: readonly RecallHit[]): string[] => hits.map((hit) => hit.memory.id);
const hitFor = (hits: readonly RecallHit[], id: string): RecallHit | undefined => hits.find((hit) => hit.memory.id === id);

async function rememberFacts(store: MemoryStore, tenant: string): Promise<string[]> {
  const records = await store.remember(tenant, FACTS.map((text) => ({ text })));
  return records.map((record) => record.id);
}

function expectWellFormedScores(hits: readonly RecallHit[]): void {
  hits.forEach((hit, i) => {
    expect(hit.score).toBeGreaterThan(0);
    expect(hit.score).toBeLessThanOrEqual(1);
    expect(hit.score).toBeLessThanOrEqual(hits[i - 1]?.score ?? 1);
    expect(hit.vector.length).toBeGreaterThan(0);
  });
}

/**
 * The behaviour every MemoryStore backend shares. A backend's test file calls this with a factory
 * for fresh, empty stores.
 */
export function describeMemoryStoreContract(name: string, createStore: () => Promise<MemoryStoreHarness>): void {
  describe(`MemoryStore contract: ${name}`, () => {
    let harness: MemoryStoreHarness;
    let store: MemoryStore;

    beforeAll(async () => {
      harness = await createStore();
      store = harness.store;
    });

    afterAll(async () => {
      await harness.cleanup();
    });

    describe('remember and getMany', () => {
      it('returns one record per input, in order, with ids, entities, tags, source and session', async () => {
        const tenant = newTenant();
        const before = Date.now();
        const records = await store.remember(tenant, [
          { text: 'Ada Lovelace worked with Charles Babbage in London.', tags: ['history', 'computing'], source: 'book' },
          { text: 'NASA launched the Voyager probes.', sessionId: 'session-1' },
        ]);

        expect(records).toHaveLength(2);
        const [first, second] = records;
        expect(first?.id).toMatch(/\S/);
        expect(first?.id).not.toBe(second?.id);
        expect(first).toMatchObject({
          tenant,
          text: 'Ada Lovelace worked with Charles Babbage in London.',
          tags: ['history', 'computing'],
          source: 'book',
          sessionId: null,
        });
        expect(first?.entities).toEqual(expect.arrayContaining(['Ada Lovelace', 'Charles Babbage', 'London']));
        expect(second).toMatchObject({ tags: [], source: null, sessionId: 'session-1' });
        expect(second?.entities).toEqual(expect.arrayContaining(['NASA', 'Voyager']));
        expect(first?.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1_000);
        expect(await store.count(tenant)).toBe(2);
      });

      it('rejects a memory with empty text and stores none of the batch', async () => {
        const tenant = newTenant();
        const attempt = store.remember(tenant, [{ text: 'A fine memory.' }, { text: '   ' }]);

        await expect(attempt).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
        expect(await store.count(tenant)).toBe(0);
      });

      it('loads by id in input order, with undefined for unknown ids', async () => {
        const tenant = newTenant();
        const [a, b] = await store.remember(tenant, [{ text: 'First note.' }, { text: 'Second note.' }]);

        const loaded = await store.getMany(tenant, [b!.id, 'mem_unknown', a!.id, b!.id]);

        expect(loaded.map((record) => record?.text)).toEqual(['Second note.', undefined, 'First note.', 'Second note.']);
        expect(loaded[0]).toEqual(b);
      });
    });

    describe('recall', () => {
      it('ranks a stored fact first when asked in its own words, found by vector and keyword', async () => {
        const tenant = newTenant();
        const factIds = await rememberFacts(store, tenant);

        const hits = await store.recall({ tenant, text: FACTS[4], k: 5 });

        expect(hits[0]?.memory.id).toBe(factIds[4]);
        expect(hits[0]?.sources).toEqual(expect.arrayContaining(['VECTOR', 'KEYWORD']));
        expectWellFormedScores(hits);
      });

      it('uses the vector it is given instead of embedding the text', async () => {
        const tenant = newTenant();
        const factIds = await rememberFacts(store, tenant);
        const [target] = await store.recall({ tenant, text: FACTS[7], k: 1 });

        const hits = await store.recall({ tenant, text: 'unrelated words', vector: target!.vector, k: 3, keyword: false, graph: false });

        expect(hits[0]?.memory.id).toBe(factIds[7]);
      });

      it('reaches a memory that shares an entity but no words with the query (GRAPH)', async () => {
        const tenant = newTenant();
        await rememberFacts(store, tenant);
        const [born, capital] = await store.remember(tenant, [
          { text: 'Marie Curie was born in Warsaw.' },
          { text: 'Warsaw is the capital of Poland.' },
        ]);

        const hits = await store.recall({ tenant, text: 'Where was Marie Curie born?', k: 5 });
        const withoutGraph = await store.recall({ tenant, text: 'Where was Marie Curie born?', k: 5, graph: false });

        expect(hits[0]?.memory.id).toBe(born!.id);
        expect(hitFor(hits, capital!.id)?.sources).toContain('GRAPH');
        expect(hitFor(hits, capital!.id)?.sources).not.toContain('KEYWORD');
        expect(withoutGraph.flatMap((hit) => hit.sources)).not.toContain('GRAPH');
      });

      it('matches entities named in a lower-case query', async () => {
        const tenant = newTenant();
        await rememberFacts(store, tenant);
        const [trip] = await store.remember(tenant, [{ text: 'Our team offsite will be in Paris.' }]);
        // Aim the vector elsewhere so only the entity lookup can link the query to the trip.
        const [elsewhere] = await store.recall({ tenant, text: FACTS[0], k: 1 });
        const query = { tenant, text: 'what is connected to paris?', vector: elsewhere!.vector, k: 20, keyword: false };

        const hits = await store.recall(query);
        const upper = await store.recall({ ...query, text: 'What is connected to PARIS?' });

        expect(hitFor(hits, trip!.id)?.sources).toContain('GRAPH');
        expect(hitFor(upper, trip!.id)?.sources).toContain('GRAPH');
      });

      it('skips keyword hits when keyword is false', async () => {
        const tenant = newTenant();
        await rememberFacts(store, tenant);

        const hits = await store.recall({ tenant, text: FACTS[2], k: 5, keyword: false });

        expect(hits.length).toBeGreaterThan(0);
        expect(hits.flatMap((hit) => hit.sources)).not.toContain('KEYWORD');
      });

      it('adds the session’s latest memories as RECENCY hits', async () => {
        const tenant = newTenant();
        await rememberFacts(store, tenant);
        const session = await store.remember(tenant, [
          { text: 'Bought milk and eggs.', sessionId: 'session-a' },
          { text: 'Called the plumber about the leak.', sessionId: 'session-a' },
        ]);
        await store.remember(tenant, [{ text: 'Booked a dentist appointment.', sessionId: 'session-b' }]);

        const hits = await store.recall({ tenant, text: 'octopus hearts', k: 10, sessionId: 'session-a', keyword: false });
        const recencyIds = hits.filter((hit) => hit.sources.includes('RECENCY')).map((hit) => hit.memory.id);
        const plain = await store.recall({ tenant, text: 'octopus hearts', k: 10, keyword: false });

        expect(recencyIds.sort()).toEqual(session.map((record) => record.id).sort());
        expect(plain.flatMap((hit) => hit.sources)).not.toContain('RECENCY');
      });

      it('returns at most k hits, and no more than the tenant has', async () => {
        const tenant = newTenant();
        await rememberFacts(store, tenant);

        const three = await store.recall({ tenant, text: 'ocean planets bones', k: 3 });
        const all = await store.recall({ tenant, text: 'ocean planets bones', k: 50 });

        expect(three).toHaveLength(3);
        expect(new Set(ids(all)).size).toBe(FACTS.length);
        expectWellFormedScores(all);
      });

      it('only returns memories created inside the window', async () => {
        const tenant = newTenant();
        await rememberFacts(store, tenant);
        const now = Date.now();

        const past = await store.recall({ tenant, text: FACTS[0], k: 5, window: { startMs: 0, endMs: 1_000 } });
        const present = await store.recall({ tenant, text: FACTS[0], k: 5, window: { startMs: now - 600_000, endMs: now + 600_000 } });

        expect(past).toEqual([]);
        expect(present.length).toBe(5);
      });
    });

    describe('tenant isolation', () => {
      it('never shows, counts, links or deletes another tenant’s memories', async () => {
        const owner = newTenant();
        const other = newTenant();
        const [secret] = await store.remember(owner, [{ text: 'Zorblax Industries hid the treasure in Atlantis.' }]);
        await store.remember(other, [{ text: 'A note about gardening.' }]);

        const hits = await store.recall({ tenant: other, text: 'Zorblax Industries treasure Atlantis', k: 10 });

        expect(ids(hits)).not.toContain(secret!.id);
        expect(await store.getMany(other, [secret!.id])).toEqual([undefined]);
        expect(await store.count(other)).toBe(1);
        expect(await store.neighborhood(other, 'Atlantis', 2)).toMatchObject({ found: false, entities: [], memories: [] });
        expect(await store.forget(other, secret!.id)).toBe(false);
        expect(await store.getMany(owner, [secret!.id])).toEqual([secret]);
        expect(await store.count(owner)).toBe(1);
      });
    });

    describe('forget', () => {
      it('removes a memory from recall, getMany, count and the graph', async () => {
        const tenant = newTenant();
        const factIds = await rememberFacts(store, tenant);
        const [gone] = await store.remember(tenant, [{ text: 'Quentin Blake illustrated many books.' }]);

        expect(await store.forget(tenant, gone!.id)).toBe(true);

        const hits = await store.recall({ tenant, text: 'Quentin Blake illustrated many books.', k: 50 });
        expect(ids(hits)).not.toContain(gone!.id);
        expect(await store.getMany(tenant, [gone!.id])).toEqual([undefined]);
        expect(await store.count(tenant)).toBe(FACTS.length);
        expect((await store.neighborhood(tenant, 'Quentin Blake', 1)).found).toBe(false);
        expect(await store.forget(tenant, gone!.id)).toBe(false);
        expect((await store.recall({ tenant, text: FACTS[5], k: 1 }))[0]?.memory.id).toBe(factIds[5]);
      });
    });

    describe('neighborhood', () => {
      async function rememberChain(tenant: string): Promise<string[]> {
        const records = await store.remember(tenant, [
          { text: 'Alice met Bob in Paris.' },
          { text: 'Bob works with Carol.' },
          { text: 'Carol lives in Tokyo.' },
        ]);
        return records.map((record) => record.id);
      }

      it('finds co-mentioned entities one hop away, case-insensitively', async () => {
        const tenant = newTenant();
        const [meeting] = await rememberChain(tenant);

        const near = await store.neighborhood(tenant, 'alice', 1);

        expect(near.found).toBe(true);
        expect(near.entity).toBe('Alice');
        expect(near.entities.map((entity) => entity.name).sort()).toEqual(['Bob', 'Paris']);
        expect(near.entities.every((entity) => entity.distance === 1 && entity.sharedMemories === 1)).toBe(true);
        expect(near.memories.map((memory) => memory.id)).toEqual([meeting]);
      });

      it('walks further rings as depth grows', async () => {
        const tenant = newTenant();
        await rememberChain(tenant);

        const two = await store.neighborhood(tenant, 'Alice', 2);
        const three = await store.neighborhood(tenant, 'Alice', 3);

        expect(two.entities.find((entity) => entity.name === 'Carol')?.distance).toBe(2);
        expect(two.entities.map((entity) => entity.name)).not.toContain('Tokyo');
        expect(two.memories).toHaveLength(2);
        expect(three.entities.find((entity) => entity.name === 'Tokyo')?.distance).toBe(3);
      });

      it('reports an unknown entity as not found', async () => {
        const tenant = newTenant();
        await rememberChain(tenant);

        expect(await store.neighborhood(tenant, 'Nobody', 2)).toEqual({ entity: 'Nobody', found: false, entities: [], memories: [] });
      });
    });

    describe('lifecycle', () => {
      it('keeps memories across a reopen', async (context) => {
        const own = await createStore();
        try {
          if (own.reopen === undefined) {
            context.skip();
            return;
          }
          const tenant = newTenant();
          const factIds = await rememberFacts(own.store, tenant);

          const reopened = await own.reopen();

          expect(await reopened.count(tenant)).toBe(FACTS.length);
          expect((await reopened.getMany(tenant, [factIds[3]!]))[0]?.text).toBe(FACTS[3]);
          const hits = await reopened.recall({ tenant, text: FACTS[3], k: 3 });
          expect(hits[0]?.memory.id).toBe(factIds[3]);
          expect(hits[0]?.sources).toEqual(expect.arrayContaining(['VECTOR', 'KEYWORD']));
        } finally {
          await own.cleanup();
        }
      });

      it('answers ping while open, rejects after close, and closes idempotently', async () => {
        const own = await createStore();
        try {
          await expect(own.store.ping()).resolves.toBeUndefined();
          await own.store.close();
          await own.store.close();
          await expect(own.store.ping()).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
          await expect(own.store.count('anyone')).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
        } finally {
          await own.cleanup();
        }
      });
    });
  });
}
