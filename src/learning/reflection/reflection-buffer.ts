import { BadInputError, type Rng } from '../../shared/index.js';
import type { PatternName } from '../../spacetime/index.js';
import { migrate, type SqliteDatabase } from '../../storage/index.js';
import { toolAt } from '../encoding/index.js';

import { deriveLearningSignals, SIGNAL_RULES } from './learning-signals.js';
import { fromRow, INSERT_COLUMNS, insertParameters, REFLECTION_MIGRATIONS, type ReflectionRow } from './reflection-rows.js';
import { createStatsQuery } from './reflection-stats.js';
import type { LearningSignal, ReflectionExperience, ReflectionStats, StoredExperience } from './types.js';
import { validateExperience } from './validate-experience.js';

/** Experiences kept per tenant, as in the original's reflection buffer. */
export const DEFAULT_REFLECTION_CAPACITY = 1_000;

export interface ReflectionBufferOptions {
  /** Experiences kept per tenant; inserting past it evicts the oldest. @default 1000 */
  readonly capacity?: number;
  /**
   * A reward above this counts as a success. @default 0 (the better half of [−1, 1]). The
   * original stored (r+1)/2 and called ≥ 0.6 a success, which is r ≥ 0.2 on this scale.
   */
  readonly successThreshold?: number;
}

/** The experiences of every weave, persisted beside the store, with their rewards once known. */
export interface ReflectionBuffer {
  /** Stores an experience (reward unset) and evicts the tenant's oldest past capacity. */
  record(experience: ReflectionExperience): void;
  /**
   * Attaches feedback's reward in [−1, 1]. False when the experience is not (or no longer) kept;
   * throws when it already has one: a second reward would count one decision twice.
   */
  setReward(tenant: string, id: string, reward: number): boolean;
  get(tenant: string, id: string): StoredExperience | undefined;
  /** Experiences with a reward, newest first: a PPO batch of the latest outcomes. */
  rewarded(tenant: string, limit: number): StoredExperience[];
  /** Up to `limit` rewarded experiences drawn without replacement. */
  sample(tenant: string, limit: number, rng: Rng): StoredExperience[];
  stats(tenant: string): ReflectionStats;
  /** The original's learning signals over the latest 100 rewarded experiences. */
  signals(tenant: string): LearningSignal[];
  /** Experiences kept for the tenant, rewarded or not. */
  count(tenant: string): number;
}

function checkCapacity(capacity: number): void {
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new RangeError(`Reflection capacity must be a positive integer; got ${capacity}.`);
  }
}

function checkReward(reward: number): void {
  if (!Number.isFinite(reward) || reward < -1 || reward > 1) {
    throw new RangeError(`A reward lies in [-1, 1]; got ${reward}.`);
  }
}

const clampLimit = (limit: number): number => Math.max(0, Math.floor(limit));

function prepare(db: SqliteDatabase) {
  return {
    insert: db.prepare(`INSERT INTO reflections (${INSERT_COLUMNS}) VALUES (${INSERT_COLUMNS.split(',').map(() => '?').join(', ')})`),
    // Everything at or below the capacity-th newest row goes: one statement, whatever the overshoot.
    evict: db.prepare<[string, string, number]>(
      `DELETE FROM reflections WHERE tenant = ? AND seq <= (
         SELECT seq FROM reflections WHERE tenant = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)`,
    ),
    setReward: db.prepare<[number, string, string]>('UPDATE reflections SET reward = ? WHERE tenant = ? AND id = ? AND reward IS NULL'),
    byId: db.prepare<[string, string], ReflectionRow>('SELECT * FROM reflections WHERE tenant = ? AND id = ?'),
    rewarded: db.prepare<[string, number], ReflectionRow>(
      'SELECT * FROM reflections WHERE tenant = ? AND reward IS NOT NULL ORDER BY seq DESC LIMIT ?',
    ),
    count: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM reflections WHERE tenant = ?'),
    window: db.prepare<[string, number], { tool_index: number; pattern: string; reward: number; duration_ms: number }>(
      `SELECT tool_index, pattern, reward, duration_ms FROM reflections
       WHERE tenant = ? AND reward IS NOT NULL ORDER BY seq DESC LIMIT ?`,
    ),
  };
}

/** Partial Fisher–Yates: the first `limit` entries of a shuffled copy. */
function drawWithoutReplacement<T>(items: readonly T[], limit: number, rng: Rng): T[] {
  const pool = [...items];
  const count = Math.min(clampLimit(limit), pool.length);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(rng.next() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j] as T, pool[i] as T];
  }
  return pool.slice(0, count);
}

/** Creates (migrating if needed) the reflections table in `db` and returns the buffer over it. */
export function createReflectionBuffer(db: SqliteDatabase, options: ReflectionBufferOptions = {}): ReflectionBuffer {
  const { capacity = DEFAULT_REFLECTION_CAPACITY, successThreshold = 0 } = options;
  checkCapacity(capacity);
  migrate(db, REFLECTION_MIGRATIONS, 'reflections');
  const statements = prepare(db);
  const stats = createStatsQuery(db, successThreshold);
  const insertAndEvict = db.transaction((experience: ReflectionExperience) => {
    statements.insert.run(...insertParameters(experience));
    statements.evict.run(experience.tenant, experience.tenant, capacity);
  });
  const rewardedRows = (tenant: string, limit: number): StoredExperience[] =>
    statements.rewarded.all(tenant, clampLimit(limit)).map(fromRow);
  return {
    record(experience) {
      validateExperience(experience);
      if (statements.byId.get(experience.tenant, experience.id) !== undefined) {
        throw new RangeError(`Experience ${experience.id} is already recorded for tenant ${experience.tenant}.`);
      }
      insertAndEvict(experience);
    },
    setReward(tenant, id, reward) {
      checkReward(reward);
      if (statements.setReward.run(reward, tenant, id).changes === 1) {
        return true;
      }
      if (statements.byId.get(tenant, id) !== undefined) {
        throw new BadInputError(`Experience ${id} already has a reward; one outcome per weave.`);
      }
      return false;
    },
    get: (tenant, id) => {
      const row = statements.byId.get(tenant, id);
      return row === undefined ? undefined : fromRow(row);
    },
    rewarded: rewardedRows,
    sample: (tenant, limit, rng) => drawWithoutReplacement(rewardedRows(tenant, capacity), limit, rng),
    stats,
    signals(tenant) {
      const episodes = statements.window.all(tenant, SIGNAL_RULES.window).map((row) => ({
        tool: toolAt(row.tool_index),
        pattern: row.pattern as PatternName,
        reward: row.reward,
        durationMs: row.duration_ms,
      }));
      return deriveLearningSignals(episodes, (reward) => reward > successThreshold);
    },
    count: (tenant) => statements.count.get(tenant)?.n ?? 0,
  };
}
