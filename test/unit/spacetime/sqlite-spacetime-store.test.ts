import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { createSqliteSpacetimeStore, repeatSpacetime, type Spacetime } from '../../../src/spacetime/index.js';
import { openSqlite } from '../../../src/storage/index.js';

const spacetime = (id: string, createdAt: number, tenant = 't'): Spacetime => ({
  id,
  tenant,
  query: 'q',
  mode: 'FAST',
  tool: 'ANSWER',
  response: 'r',
  confidence: 0.5,
  cacheHit: false,
  durationMs: 3.2,
  createdAt: new Date(createdAt),
  sessionId: null,
  motifs: ['question'],
  context: [
    {
      memory: { id: 'mem_1', tenant, text: 't', createdAt: new Date(1000), tags: [], entities: ['Paris'], source: null, sessionId: null },
      score: 0.9,
      sources: ['VECTOR'],
    },
  ],
  toolScores: [{ tool: 'ANSWER', probability: 0.7, banditMean: 0.6 }],
  trace: [{ name: 'pattern', durationMs: 0.1, detail: { pattern: 'FAST' } }],
  bucket: 'question',
  reward: null,
  error: null,
  errorCode: null,
});

describe('SQLite spacetime store', () => {
  it('round-trips every field, dates included', async () => {
    const store = createSqliteSpacetimeStore(openSqlite(':memory:'));
    const original = spacetime('st_1', 5000);
    await store.save(original);
    const loaded = await store.get('t', 'st_1');
    expect(loaded).toEqual(original);
    expect(loaded?.context[0]?.memory.createdAt).toBeInstanceOf(Date);
  });

  it('lists newest first per tenant and records rewards', async () => {
    const store = createSqliteSpacetimeStore(openSqlite(':memory:'));
    await store.save(spacetime('old', 1000));
    await store.save(spacetime('new', 2000));
    await store.save(spacetime('other', 3000, 'u'));
    expect((await store.list('t', 10, 0)).map((s) => s.id)).toEqual(['new', 'old']);
    expect(await store.setReward('t', 'old', 0.4)).toBe(true);
    expect(await store.setReward('u', 'old', 0.4)).toBe(false);
    expect((await store.get('t', 'old'))?.reward).toBe(0.4);
    expect(await store.get('u', 'old')).toBeUndefined();
  });

  it('commits concurrent saves together, each durable when its promise resolves; a failing one fails alone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hololoom-spacetimes-'));
    const file = join(dir, 'state.db');
    const db = openSqlite(file);
    const store = createSqliteSpacetimeStore(db);
    const other = openSqlite(file);
    const rows = (): unknown => other.prepare('SELECT count(*) AS n FROM spacetimes').get();
    try {
      const saves = ['a', 'b', 'c'].map((id, i) => store.save(spacetime(id, 1000 + i)));
      expect(rows()).toEqual({ n: 0 });
      await Promise.all(saves);
      expect(rows()).toEqual({ n: 3 });

      const outcomes = await Promise.allSettled([store.save(spacetime('d', 2000)), store.save(spacetime('a', 2001)), store.save(spacetime('e', 2002))]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(String((outcomes[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
      expect(rows()).toEqual({ n: 5 });
    } finally {
      other.close();
      db.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads commit what is queued first', async () => {
    const store = createSqliteSpacetimeStore(openSqlite(':memory:'));
    const saved = store.save(spacetime('st_1', 1000));
    expect((await store.get('t', 'st_1'))?.createdAt.getTime()).toBe(1000);
    await saved;
  });

  describe('cache hits (repeats)', () => {
    const hitOf = (original: Spacetime, id: string, createdAt: number): Spacetime =>
      repeatSpacetime(original, {
        id,
        sessionId: 'session-1',
        durationMs: 0.02,
        createdAt: new Date(createdAt),
        trace: [{ name: 'cache', durationMs: 0.02, detail: { hitOf: original.id } }],
      });
    const bodyOf = (db: ReturnType<typeof openSqlite>, id: string): { body: string; repeat_of: string | null } | undefined =>
      db.prepare<[string], { body: string; repeat_of: string | null }>('SELECT body, repeat_of FROM spacetimes WHERE id = ?').get(id);

    const compactOf = (db: ReturnType<typeof openSqlite>, id: string): Record<string, unknown> | undefined =>
      db.prepare<[string], Record<string, unknown>>('SELECT * FROM spacetime_repeats WHERE id = ?').get(id);

    it('stores a lookup-only repeat as a compact row of its own fields and a link, and reads it back whole', async () => {
      const db = openSqlite(':memory:');
      const store = createSqliteSpacetimeStore(db);
      const original = spacetime('st_1', 1000);
      const repeat = hitOf(original, 'st_2', 2000);
      await store.save(original);
      await store.save(repeat, original.id);
      expect(await store.get('t', 'st_2')).toEqual(repeat);
      expect((await store.list('t', 10, 0)).map((s) => [s.id, s.cacheHit, s.context.length])).toEqual([
        ['st_2', true, 1],
        ['st_1', false, 1],
      ]);
      expect(bodyOf(db, 'st_2')).toBeUndefined();
      expect(compactOf(db, 'st_2')).toEqual({
        tenant: 't',
        id: 'st_2',
        created_at: 2000,
        repeat_of: 'st_1',
        session_id: 'session-1',
        duration_ms: 0.02,
        reward: null,
        feedback: null,
      });
    });

    it('keeps a repeat with more in its trace as its own fields and a link in the spacetimes table', async () => {
      const db = openSqlite(':memory:');
      const store = createSqliteSpacetimeStore(db);
      const original = spacetime('st_1', 1000);
      const plain = hitOf(original, 'st_2', 2000);
      const repeat = { ...plain, trace: [...plain.trace, { name: 'audit', durationMs: 0.01, detail: {} }] };
      await store.save(original);
      await store.save(repeat, original.id);
      expect(await store.get('t', 'st_2')).toEqual(repeat);
      expect(compactOf(db, 'st_2')).toBeUndefined();
      const stored = bodyOf(db, 'st_2');
      expect(stored?.repeat_of).toBe('st_1');
      expect(stored?.body).not.toContain('Paris');
      expect(stored?.body.length).toBeLessThan(bodyOf(db, 'st_1')?.body.length ?? 0);
    });

    it('pages through spacetimes and repeats together, newest first, a repeat before what it repeats in the same millisecond', async () => {
      const store = createSqliteSpacetimeStore(openSqlite(':memory:'));
      const first = spacetime('st_a', 1000);
      const second = spacetime('st_c', 3000);
      await store.save(first);
      await store.save(hitOf(first, 'st_b', 1000), first.id);
      await store.save(second);
      await store.save(hitOf(second, 'st_d', 4000), second.id);
      await store.save(hitOf(first, 'st_e', 4000), first.id);
      await store.save(spacetime('st_f', 2000));
      const ids = async (limit: number, offset: number): Promise<string[]> => (await store.list('t', limit, offset)).map((s) => s.id);
      expect(await ids(10, 0)).toEqual(['st_e', 'st_d', 'st_c', 'st_f', 'st_b', 'st_a']);
      expect([...(await ids(2, 0)), ...(await ids(2, 2)), ...(await ids(2, 4))]).toEqual(await ids(10, 0));
      expect(await ids(10, 5)).toEqual(['st_a']);
      expect(await ids(10, 6)).toEqual([]);
    });

    it('takes an id once across both tables', async () => {
      const store = createSqliteSpacetimeStore(openSqlite(':memory:'));
      const original = spacetime('st_1', 1000);
      await store.save(original);
      await store.save(hitOf(original, 'st_2', 2000), original.id);
      await expect(store.save(spacetime('st_2', 3000))).rejects.toThrow(/UNIQUE/);
      await expect(store.save(hitOf(original, 'st_1', 3000), original.id)).rejects.toThrow(/UNIQUE/);
      expect((await store.get('t', 'st_2'))?.cacheHit).toBe(true);
      expect((await store.list('t', 10, 0)).map((s) => s.id)).toEqual(['st_2', 'st_1']);
    });

    it('keeps rewards apart: feedback on the repeat is not the original’s', async () => {
      const store = createSqliteSpacetimeStore(openSqlite(':memory:'));
      const original = spacetime('st_1', 1000);
      await store.save(original);
      await store.save(hitOf(original, 'st_2', 2000), original.id);
      expect(await store.setReward('t', 'st_2', 1)).toBe(true);
      expect((await store.get('t', 'st_2'))?.reward).toBe(1);
      expect((await store.get('t', 'st_1'))?.reward).toBeNull();
    });

    it('stores the whole repeat when the original is not there (its save failed, or another tenant has it)', async () => {
      const db = openSqlite(':memory:');
      const store = createSqliteSpacetimeStore(db);
      const original = spacetime('st_1', 1000, 'u');
      await store.save(original);
      const repeat = { ...hitOf(original, 'st_2', 2000), tenant: 't' };
      await store.save(repeat, original.id);
      expect(await store.get('t', 'st_2')).toEqual(repeat);
      expect(bodyOf(db, 'st_2')?.repeat_of).toBeNull();
      expect(compactOf(db, 'st_2')).toBeUndefined();
    });

    it('reads repeats as earlier versions wrote them: a body with and without its time', async () => {
      const db = openSqlite(':memory:');
      const store = createSqliteSpacetimeStore(db);
      const original = spacetime('st_1', 1000);
      await store.save(original);
      const insert = db.prepare<[string, number, string]>("INSERT INTO spacetimes (id, tenant, created_at, body, repeat_of) VALUES (?, 't', ?, ?, 'st_1')");
      const own = (id: string): Record<string, unknown> => {
        const { sessionId, durationMs, trace } = hitOf(original, id, 0);
        return { id, sessionId, durationMs, trace };
      };
      insert.run('st_2', 2000, JSON.stringify(own('st_2')));
      insert.run('st_3', 3000, JSON.stringify({ ...own('st_3'), createdAt: new Date(3000).toISOString() }));
      expect(await store.get('t', 'st_2')).toEqual(hitOf(original, 'st_2', 2000));
      expect(await store.get('t', 'st_3')).toEqual(hitOf(original, 'st_3', 3000));
    });
  });
});
