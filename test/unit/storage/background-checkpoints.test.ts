import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { checkpointInBackground, openSqlite, type SqliteDatabase } from '../../../src/storage/index.js';

let dir: string;
let db: SqliteDatabase;

/** ~1 MB of rows, written through the WAL. */
function writeRows(): void {
  const insert = db.prepare('INSERT INTO items (body) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 1_000; i++) {
      insert.run(`${i} `.padEnd(1_000, 'x'));
    }
  })();
}

/** The database file itself only grows when a checkpoint copies WAL pages into it. */
async function databaseGrowsPast(bytes: number, withinMs: number): Promise<boolean> {
  const deadline = performance.now() + withinMs;
  while (performance.now() < deadline) {
    if (statSync(db.name).size > bytes) {
      return true;
    }
    await sleep(25);
  }
  return false;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hololoom-checkpoint-'));
  db = openSqlite(join(dir, 'state.db'), { synchronous: 'NORMAL' });
  db.exec('CREATE TABLE items (body TEXT NOT NULL)');
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('checkpointInBackground', () => {
  it('moves WAL pages into the database from its worker, while the writer checkpoints nothing itself', async () => {
    const checkpoints = checkpointInBackground(db, { everyMs: 50, fallbackPages: 100_000 });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(100_000);
    writeRows();
    expect(await databaseGrowsPast(1_000_000, 5_000)).toBe(true);
    await checkpoints.stop();
    expect(db.prepare('SELECT count(*) AS n FROM items').get()).toEqual({ n: 1_000 });
  });

  it('runs a last checkpoint when stopped', async () => {
    const checkpoints = checkpointInBackground(db, { everyMs: 60_000, fallbackPages: 100_000 });
    writeRows();
    expect(statSync(db.name).size).toBeLessThan(1_000_000);
    await checkpoints.stop();
    expect(statSync(db.name).size).toBeGreaterThan(1_000_000);
  });
});
