import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';

import { createHashingEmbedder } from '../../src/embedding/index.js';
import {
  createEmbeddedMemoryStore,
  type EmbeddedMemoryStoreOptions,
  type EmbedFn,
  type MemoryStore,
} from '../../src/memory/index.js';

import { capturingLogger } from '../support/capturing-logger.js';

import { describeMemoryStoreContract, type MemoryStoreHarness } from './memory-store.contract.js';

const DIMENSIONS = 384;
const hashing = createHashingEmbedder();
const hashEmbed: EmbedFn = (texts) => hashing.embed(texts);

async function openHarness(overrides: Partial<EmbeddedMemoryStoreOptions> = {}): Promise<MemoryStoreHarness & { dataDir: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hololoom-memory-'));
  const open = (): Promise<MemoryStore> =>
    createEmbeddedMemoryStore({ dataDir, embed: hashEmbed, dimensions: DIMENSIONS, ...overrides });
  let current = await open();
  return {
    dataDir,
    get store() {
      return current;
    },
    async reopen() {
      await current.close();
      current = await open();
      return current;
    },
    async cleanup() {
      await current.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

describeMemoryStoreContract('embedded (SQLite + FTS5 + usearch)', () => openHarness());

/** One memory per line, each naming a unique code word so an exact match is unambiguous. */
const numbered = (count: number): { text: string }[] =>
  Array.from({ length: count }, (_, i) => ({ text: `Log entry ${i}: sensor cluster ${i * 7919} reported code word w${i}q.` }));

describe('embedded memory store', () => {
  const harnesses: MemoryStoreHarness[] = [];
  const track = async (overrides: Partial<EmbeddedMemoryStoreOptions> = {}) => {
    const harness = await openHarness(overrides);
    harnesses.push(harness);
    return harness;
  };

  afterEach(async () => {
    await Promise.all(harnesses.splice(0).map((harness) => harness.cleanup()));
  });

  it('embeds a whole remember batch in one call', async () => {
    const calls: number[] = [];
    const embed: EmbedFn = (texts) => {
      calls.push(texts.length);
      return hashEmbed(texts);
    };
    const { store } = await track({ embed });

    await store.remember('t', numbered(25));

    expect(calls).toEqual([25]);
  });

  it('fits a PCA projection once the store is big enough, keeps it across a reopen, and still finds exact matches', async () => {
    const { logger, lines, waitFor } = capturingLogger();
    const harness = await track({ projection: 'pca', pcaMinMemories: 40, logger });
    const texts = numbered(60);
    const records = await harness.store.remember('t', texts.slice(0, 30));
    expect(lines.some((line) => line.includes('fitted the Matryoshka PCA projection'))).toBe(false);
    records.push(...(await harness.store.remember('t', texts.slice(30))));
    await waitFor('fitted the Matryoshka PCA projection');
    const reopened = await harness.reopen!();
    expect(lines.filter((line) => line.includes('fitted the Matryoshka PCA projection'))).toHaveLength(1);
    const later = numbered(70).slice(60);
    records.push(...(await reopened.remember('t', later)));
    for (const i of [0, 29, 45, 59, 65]) {
      const text = (i < 60 ? texts[i] : later[i - 60])!.text;
      const hits = await reopened.recall({ tenant: 't', text, k: 3, keyword: false, graph: false, scales: [{ dims: 96, weight: 0.5 }, { dims: 192, weight: 0.5 }] });
      expect(hits[0]?.memory.id).toBe(records[i]?.id);
    }
  });

  it('refits the projection when the store has grown fourfold, keeping stored projections in step', async () => {
    const { logger, lines, waitFor } = capturingLogger();
    const { store } = await track({ projection: 'pca', pcaMinMemories: 10, logger });
    const texts = numbered(45);
    const records = await store.remember('t', texts.slice(0, 10));
    await waitFor('fitted the Matryoshka PCA projection');
    records.push(...(await store.remember('t', texts.slice(10, 35))));
    expect(lines.filter((line) => line.includes('fitted the Matryoshka PCA projection'))).toHaveLength(1);
    records.push(...(await store.remember('t', texts.slice(35))));
    await waitFor('fitted the Matryoshka PCA projection', 2);
    for (const i of [3, 20, 44]) {
      const hits = await store.recall({ tenant: 't', text: texts[i]!.text, k: 1, keyword: false, graph: false, scales: [{ dims: 96, weight: 1 }] });
      expect(hits[0]?.memory.id).toBe(records[i]?.id);
    }
  });

  it('projects memories written while a fit runs, and closes cleanly in the middle of one', async () => {
    const { logger, waitFor } = capturingLogger();
    const { store } = await track({ projection: 'pca', pcaMinMemories: 10, logger });
    const texts = numbered(16);
    const records = await store.remember('t', texts.slice(0, 10));
    records.push(...(await store.remember('t', texts.slice(10))));
    await waitFor('fitted the Matryoshka PCA projection');
    for (const i of [2, 11, 15]) {
      const hits = await store.recall({ tenant: 't', text: texts[i]!.text, k: 1, keyword: false, graph: false, scales: [{ dims: 96, weight: 1 }] });
      expect(hits[0]?.memory.id).toBe(records[i]?.id);
    }
    const other = await track({ projection: 'pca', pcaMinMemories: 10 });
    await other.store.remember('t', texts.slice(0, 10));
    await expect(other.store.close()).resolves.toBeUndefined();
  });

  it('re-embeds every memory when another embedder opens the file', async () => {
    const reversed: EmbedFn = (texts) => hashing.embed(texts.map((text) => Array.from(text).reverse().join('')));
    const harness = await track({ embedderName: 'first' });
    const texts = numbered(30);
    const records = await harness.store.remember('t', texts);
    await harness.store.close();
    const { logger, lines } = capturingLogger();
    const store = await createEmbeddedMemoryStore({ dataDir: harness.dataDir, embed: reversed, dimensions: DIMENSIONS, embedderName: 'second', logger });
    try {
      expect(lines.some((line) => line.includes('re-embedding stored memories'))).toBe(true);
      for (const i of [0, 13, 29]) {
        const hits = await store.recall({ tenant: 't', text: texts[i]!.text, k: 1, keyword: false, graph: false });
        expect(hits[0]?.memory.id).toBe(records[i]?.id);
      }
    } finally {
      await store.close();
    }
  });

  it('switches to HNSW past exactSearchLimit and still finds exact matches', async () => {
    const { logger, lines } = capturingLogger();
    const { store } = await track({ exactSearchLimit: 20, logger });
    const records = await store.remember('t', numbered(100));

    expect(lines.some((line) => line.includes('vector index moved to HNSW'))).toBe(true);
    for (const i of [0, 21, 57, 99]) {
      const hits = await store.recall({ tenant: 't', text: numbered(100)[i]!.text, k: 3, keyword: false, graph: false });
      expect(hits[0]?.memory.id).toBe(records[i]?.id);
    }
  });

  it.each([
    { mode: 'exact', exactSearchLimit: 1_000 },
    { mode: 'HNSW', exactSearchLimit: 20 },
  ])('forgets a memory from the $mode vector index', async ({ exactSearchLimit }) => {
    const { store } = await track({ exactSearchLimit });
    const records = await store.remember('t', numbered(60));
    const victim = records[30]!;

    await store.forget('t', victim.id);
    const hits = await store.recall({ tenant: 't', text: victim.text, k: 60, keyword: false, graph: false });
    // Exact search swap-removes: the row moved into the hole must still be found as itself.
    const last = await store.recall({ tenant: 't', text: records[59]!.text, k: 1, keyword: false, graph: false });

    expect(hits.map((hit) => hit.memory.id)).not.toContain(victim.id);
    expect(hits.length).toBeGreaterThan(50);
    expect(last[0]?.memory.id).toBe(records[59]!.id);
    expect(await store.count('t')).toBe(59);
  });

  it('reloads past the limit into HNSW on open and keeps tenants apart', async () => {
    const { logger, lines } = capturingLogger();
    const harness = await track({ exactSearchLimit: 20, logger });
    const records = await harness.store.remember('a', numbered(40));
    await harness.store.remember('b', numbered(40));
    lines.length = 0;

    const reopened = await harness.reopen!();
    const hits = await reopened.recall({ tenant: 'a', text: numbered(40)[12]!.text, k: 40, keyword: false, graph: false });

    expect(lines.some((line) => line.includes('vector index moved to HNSW'))).toBe(true);
    expect(hits[0]?.memory.id).toBe(records[12]?.id);
    expect(hits.every((hit) => hit.memory.tenant === 'a')).toBe(true);
    // HNSW is approximate: asked for every row, it may miss one or two.
    expect(hits.length).toBeGreaterThan(35);
  });

  it('refuses to open a file written with another vector size', async () => {
    const harness = await track();
    await harness.store.remember('t', [{ text: 'Some memory.' }]);
    await harness.store.close();

    const attempt = createEmbeddedMemoryStore({ dataDir: harness.dataDir, embed: hashEmbed, dimensions: 768 });

    await expect(attempt).rejects.toThrow(/384-dim vectors/);
  });

  it('keeps NEXT_IN_TIME and the FTS index in step with forget', async () => {
    const harness = await track();
    const [a, b, c] = await harness.store.remember('t', [{ text: 'alpha' }, { text: 'bravo' }, { text: 'charlie' }]);
    await harness.store.remember('other', [{ text: 'delta' }]);

    await harness.store.forget('t', b!.id);
    await harness.store.close();

    const db = new Database(join(harness.dataDir, 'memories.db'), { readonly: true });
    try {
      const links = db
        .prepare<[], { prev: string; next: string }>(
          `SELECT p.id AS prev, n.id AS next FROM next_in_time
           JOIN memories AS p ON p.seq = prev_seq JOIN memories AS n ON n.seq = next_seq`,
        )
        .all();
      const ftsHits = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM memories_fts WHERE memories_fts MATCH ?');
      expect(links).toEqual([{ prev: a!.id, next: c!.id }]);
      expect(ftsHits.get('bravo')?.n).toBe(0);
      expect(ftsHits.get('charlie')?.n).toBe(1);
    } finally {
      db.close();
    }
  });

  it('rejects a query vector of the wrong size', async () => {
    const { store } = await track();

    await expect(store.recall({ tenant: 't', text: 'x', k: 1, vector: new Float32Array(3) })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });

  it('weights Matryoshka scales when re-ranking', async () => {
    const { store } = await track();
    const records = await store.remember('t', numbered(30));

    const hits = await store.recall({
      tenant: 't',
      text: numbered(30)[9]!.text,
      k: 5,
      keyword: false,
      graph: false,
      scales: [
        { dims: 96, weight: 0.2 },
        { dims: 384, weight: 0.8 },
      ],
    });

    expect(hits[0]?.memory.id).toBe(records[9]?.id);
  });
});
