import { migrate, type SqliteDatabase } from '../../storage/index.js';

import type { TrainingEvent, TrainingReason, TrainingRun, TrainingStatus } from './types.js';

/** Runs kept per tenant; older ones are dropped as new ones start. */
export const RUNS_KEPT_PER_TENANT = 100;

/** What a run that a stopped server left RUNNING is marked with when the next one opens the log. */
export const INTERRUPTED_RUN_ERROR = 'The server stopped before this run finished; its updates were not checkpointed.';

/** Training runs, persisted beside the reflection buffer so `trainingRuns` survives restarts. */
export interface TrainingRunLog {
  /** Inserts the run or replaces the stored row of the same id. */
  save(run: TrainingRun): void;
  /** The tenant's runs, newest first. */
  list(tenant: string, limit: number): TrainingRun[];
}

const RUN_LOG_MIGRATIONS = [
  `CREATE TABLE training_runs (
     id TEXT PRIMARY KEY,
     tenant TEXT NOT NULL,
     reason TEXT NOT NULL CHECK (reason IN ('manual', 'feedback')),
     status TEXT NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'FAILED')),
     started_at INTEGER NOT NULL,
     finished_at INTEGER,
     samples INTEGER NOT NULL,
     updates INTEGER NOT NULL,
     error TEXT,
     last_event TEXT
   );
   CREATE INDEX training_runs_by_tenant ON training_runs (tenant, started_at);`,
];

interface RunRow {
  readonly id: string;
  readonly tenant: string;
  readonly reason: TrainingReason;
  readonly status: TrainingStatus;
  readonly started_at: number;
  readonly finished_at: number | null;
  readonly samples: number;
  readonly updates: number;
  readonly error: string | null;
  readonly last_event: string | null;
}

const toRow = (run: TrainingRun): RunRow => ({
  id: run.id,
  tenant: run.tenant,
  reason: run.reason,
  status: run.status,
  started_at: run.startedAt.getTime(),
  finished_at: run.finishedAt?.getTime() ?? null,
  samples: run.samples,
  updates: run.updates,
  error: run.error,
  last_event: run.last === null ? null : JSON.stringify(run.last),
});

const fromRow = (row: RunRow): TrainingRun => ({
  id: row.id,
  tenant: row.tenant,
  reason: row.reason,
  status: row.status,
  startedAt: new Date(row.started_at),
  finishedAt: row.finished_at === null ? null : new Date(row.finished_at),
  samples: row.samples,
  updates: row.updates,
  error: row.error,
  // Written by toRow from a TrainingEvent; the column is never set any other way.
  last: row.last_event === null ? null : (JSON.parse(row.last_event) as TrainingEvent),
});

/**
 * The SQLite run log. Opening it closes the books on runs a previous process left RUNNING (a
 * run lives in the process that started it): they become FAILED with INTERRUPTED_RUN_ERROR, so
 * a client polling `trainingRuns` sees an end instead of a run that never finishes.
 */
export function createSqliteTrainingRunLog(db: SqliteDatabase, now: () => number = Date.now): TrainingRunLog {
  migrate(db, RUN_LOG_MIGRATIONS, 'training_runs');
  db.prepare("UPDATE training_runs SET status = 'FAILED', error = ?, finished_at = ? WHERE status = 'RUNNING'").run(INTERRUPTED_RUN_ERROR, now());
  const upsert = db.prepare<RunRow>(
    `INSERT INTO training_runs (id, tenant, reason, status, started_at, finished_at, samples, updates, error, last_event)
     VALUES (@id, @tenant, @reason, @status, @started_at, @finished_at, @samples, @updates, @error, @last_event)
     ON CONFLICT (id) DO UPDATE SET status = excluded.status, finished_at = excluded.finished_at, samples = excluded.samples,
       updates = excluded.updates, error = excluded.error, last_event = excluded.last_event`,
  );
  const prune = db.prepare<[string, string, number]>(
    `DELETE FROM training_runs WHERE tenant = ? AND id NOT IN
       (SELECT id FROM training_runs WHERE tenant = ? ORDER BY started_at DESC, rowid DESC LIMIT ?)`,
  );
  const select = db.prepare<[string, number], RunRow>('SELECT * FROM training_runs WHERE tenant = ? ORDER BY started_at DESC, rowid DESC LIMIT ?');
  const save = db.transaction((run: TrainingRun) => {
    upsert.run(toRow(run));
    prune.run(run.tenant, run.tenant, RUNS_KEPT_PER_TENANT);
  });
  return {
    save: (run) => save(run),
    list: (tenant, limit) => select.all(tenant, Math.max(0, Math.floor(limit))).map(fromRow),
  };
}
