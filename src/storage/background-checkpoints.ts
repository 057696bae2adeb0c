import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

import type { Logger } from '../observability/index.js';

import type { SqliteDatabase } from './open-sqlite.js';

/** A worker thread that moves a WAL file's pages into its database. */
export interface BackgroundCheckpoints {
  /** Runs a last checkpoint and ends the worker. */
  stop(): Promise<void>;
}

export interface BackgroundCheckpointOptions {
  /** Time between checkpoints. @default 1_000 */
  readonly everyMs?: number;
  /**
   * WAL size (pages) at which the writer's own connection checkpoints after all, should the
   * worker fall behind or fail. @default 10_000 (~40 MB)
   */
  readonly fallbackPages?: number;
  readonly logger?: Logger;
}

/**
 * The worker's whole program (CommonJS, run with `eval`, so it needs no file of its own next to
 * the compiled or the TypeScript sources). Its own connection runs PASSIVE checkpoints, which
 * copy what no reader still needs and never block the writer.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage(String((error && error.message) || error));
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.once('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

const driver = createRequire(import.meta.url).resolve('better-sqlite3');

/**
 * Checkpoints a WAL database from a worker thread instead of in the writer's commits. SQLite's
 * automatic checkpoint runs inside the commit that crosses 1,000 WAL pages, on the thread that
 * commits, and waits there for its fsyncs: on the request thread that was ~10 µs per spacetime
 * written under load (a third of the write). The writer keeps an automatic checkpoint at
 * `fallbackPages` in case the worker falls behind or fails.
 */
export function checkpointInBackground(db: SqliteDatabase, options: BackgroundCheckpointOptions = {}): BackgroundCheckpoints {
  const { everyMs = 1_000, fallbackPages = 10_000, logger } = options;
  db.pragma(`wal_autocheckpoint = ${fallbackPages}`);
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file: db.name, everyMs } });
  // Checkpoints are housekeeping: they must not keep a finished process alive.
  worker.unref();
  worker.on('message', (message: unknown) => logger?.warn({ file: db.name, error: message }, 'background checkpoint failed; the writer checkpoints when the WAL grows too large'));
  worker.on('error', (error) => logger?.error({ file: db.name, err: error }, 'background checkpoint worker stopped'));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      worker.postMessage('stop');
      await exited;
    },
  };
}
