import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  createSqliteTrainingRunLog,
  INTERRUPTED_RUN_ERROR,
  RUNS_KEPT_PER_TENANT,
  type TrainingEvent,
  type TrainingRun,
} from '../../../../src/learning/index.js';
import { openSqlite, type SqliteDatabase } from '../../../../src/storage/index.js';

const STARTED = Date.UTC(2026, 10, 21, 9, 0, 0);

function run(id: string, overrides: Partial<TrainingRun> = {}): TrainingRun {
  return {
    id,
    tenant: 'alpha',
    reason: 'manual',
    status: 'RUNNING',
    startedAt: new Date(STARTED),
    finishedAt: null,
    samples: 40,
    updates: 0,
    error: null,
    last: null,
    ...overrides,
  };
}

const event = (runId: string, update: number): TrainingEvent => ({
  runId,
  tenant: 'alpha',
  update,
  updates: 8,
  policyLoss: -0.01,
  valueLoss: 0.4,
  entropy: 1.58,
  approxKl: 0.003,
  meanReward: 0.25,
  samples: 40,
  done: false,
});

describe('training run log (SQLite)', () => {
  let db: SqliteDatabase;

  beforeEach(() => {
    db = openSqlite(':memory:');
  });

  afterEach(() => {
    db.close();
  });

  it('keeps each run as last saved, newest first, tenants apart', () => {
    const log = createSqliteTrainingRunLog(db);
    log.save(run('run-1'));
    log.save(run('run-2', { startedAt: new Date(STARTED + 1_000) }));
    log.save(run('run-3', { tenant: 'beta' }));
    const finished = run('run-1', { status: 'DONE', updates: 8, finishedAt: new Date(STARTED + 5_000), last: event('run-1', 8) });
    log.save(finished);

    expect(log.list('alpha', 10).map((stored) => stored.id)).toEqual(['run-2', 'run-1']);
    expect(log.list('alpha', 10)[1]).toEqual(finished);
    expect(log.list('beta', 10).map((stored) => stored.id)).toEqual(['run-3']);
    expect(log.list('alpha', 1)).toHaveLength(1);
    expect(log.list('nobody', 10)).toEqual([]);
  });

  it('marks runs a stopped process left RUNNING as FAILED when the log is opened again', () => {
    createSqliteTrainingRunLog(db).save(run('run-1', { updates: 3, last: event('run-1', 3) }));
    const reopened = createSqliteTrainingRunLog(db, () => STARTED + 60_000);

    const [interrupted] = reopened.list('alpha', 10);
    expect(interrupted).toMatchObject({ id: 'run-1', status: 'FAILED', error: INTERRUPTED_RUN_ERROR, updates: 3 });
    expect(interrupted?.finishedAt?.getTime()).toBe(STARTED + 60_000);
    expect(interrupted?.last?.update).toBe(3);
  });

  it(`keeps the newest ${RUNS_KEPT_PER_TENANT} runs per tenant`, () => {
    const log = createSqliteTrainingRunLog(db);
    for (let i = 0; i < RUNS_KEPT_PER_TENANT + 5; i++) {
      log.save(run(`run-${i}`, { startedAt: new Date(STARTED + i) }));
    }
    log.save(run('other', { tenant: 'beta' }));

    const kept = log.list('alpha', 1_000);
    expect(kept).toHaveLength(RUNS_KEPT_PER_TENANT);
    expect(kept[0]?.id).toBe(`run-${RUNS_KEPT_PER_TENANT + 4}`);
    expect(kept.at(-1)?.id).toBe('run-5');
    expect(log.list('beta', 10)).toHaveLength(1);
  });
});
