import { setTimeout as sleep } from 'node:timers/promises';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createGroupCommit, openSqlite, type GroupCommit, type SqliteDatabase } from '../../../src/storage/index.js';

/** Long enough that a write which waited for the window is told apart from one that did not. */
const WINDOW_MS = 400;

let db: SqliteDatabase;
let commit: GroupCommit<string>;

const rows = (): string[] => db.prepare<[], { name: string }>('SELECT name FROM items ORDER BY rowid').all().map((row) => row.name);

/** Resolves with how long the write took to commit. */
async function timedWrite(name: string): Promise<number> {
  const started = performance.now();
  await commit.write(name);
  return performance.now() - started;
}

beforeEach(() => {
  db = openSqlite(':memory:');
  db.exec('CREATE TABLE items (name TEXT NOT NULL UNIQUE)');
  const insert = db.prepare('INSERT INTO items (name) VALUES (?)');
  commit = createGroupCommit<string>(db, (name) => insert.run(name), { windowMs: WINDOW_MS, maxGroup: 4 });
});

afterEach(() => {
  commit.flush();
  db.close();
});

describe('createGroupCommit', () => {
  it('commits writes of one turn in one transaction; a failing write fails alone', async () => {
    const results = await Promise.allSettled(['a', 'b', 'a', 'c'].map((name) => commit.write(name)));
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(rows()).toEqual(['a', 'b', 'c']);
    expect(commit.stats()).toEqual({ commits: 1, writes: 4 });
  });

  it('lets a lone writer commit at once, without waiting for the window', async () => {
    for (const name of ['a', 'b', 'c']) {
      expect(await timedWrite(name)).toBeLessThan(WINDOW_MS / 2);
    }
    expect(commit.stats()).toEqual({ commits: 3, writes: 3 });
  });

  it('holds a group open for the window once writes arrive together, so later writers join it', async () => {
    await Promise.all([commit.write('a'), commit.write('b')]);
    const first = timedWrite('c');
    await sleep(20);
    const second = timedWrite('d');
    const [waited] = await Promise.all([first, second]);
    expect(waited).toBeGreaterThanOrEqual(WINDOW_MS - 20);
    expect(commit.stats()).toEqual({ commits: 2, writes: 4 });
    // The last group held two: the next lone write still waits once, then a group of one ends it.
    await commit.write('e');
    expect(await timedWrite('f')).toBeLessThan(WINDOW_MS / 2);
  });

  it('commits a full group at once, and a reader flush commits what is queued', async () => {
    await Promise.all([commit.write('a'), commit.write('b')]);
    const full = Promise.all(['c', 'd', 'e', 'f'].map((name) => timedWrite(name)));
    expect(Math.max(...(await full))).toBeLessThan(WINDOW_MS / 2);
    const queued = commit.write('g');
    commit.flush();
    expect(rows()).toContain('g');
    await queued;
    expect(commit.stats()).toEqual({ commits: 3, writes: 7 });
  });
});
