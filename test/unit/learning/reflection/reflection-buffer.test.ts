import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  createReflectionBuffer,
  ENCODING_VERSION,
  OBSERVATION_SIZE,
  TOOL_INDEX,
  type ReflectionExperience,
} from '../../../../src/learning/index.js';
import { BadInputError, createSeededRng, type ToolName } from '../../../../src/shared/index.js';
import { openSqlite, type SqliteDatabase } from '../../../../src/storage/index.js';

let dir: string;
let file: string;
let db: SqliteDatabase;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hololoom-reflection-'));
  file = join(dir, 'hololoom.sqlite');
  db = openSqlite(file, { synchronous: 'NORMAL' });
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

let serial = 0;
function experience(overrides: Partial<ReflectionExperience> & { tool?: ToolName } = {}): ReflectionExperience {
  serial++;
  const { tool = 'ANSWER', ...rest } = overrides;
  return {
    id: `st_${serial}`,
    tenant: 't1',
    createdAt: new Date(1_700_000_000_000 + serial),
    encodingVersion: ENCODING_VERSION,
    observation: Float32Array.from({ length: OBSERVATION_SIZE }, (_, i) => Math.fround(Math.sin(serial + i))),
    toolIndex: TOOL_INDEX[tool],
    actionProbabilities: [0.1, 0.2, 0.3, 0.25, 0.15],
    logProb: Math.log(0.3),
    value: 0.12,
    pattern: 'FAST',
    confidence: 0.8,
    durationMs: 120,
    errorCode: null,
    ...rest,
  };
}

describe('reflection buffer', () => {
  it('round-trips every field through the SQLite file, and survives reopening it', () => {
    const buffer = createReflectionBuffer(db);
    const original = experience({ tool: 'CALC', value: null, errorCode: 'TIMEOUT', pattern: 'FUSED' });
    buffer.record(original);
    db.close();
    db = openSqlite(file);
    const stored = createReflectionBuffer(db).get('t1', original.id);
    expect(stored).toEqual({
      ...original,
      tool: 'CALC',
      actionProbabilities: Float32Array.from(original.actionProbabilities),
      reward: null,
    });
    expect(stored?.observation).toBeInstanceOf(Float32Array);
  });

  it('keeps at most `capacity` experiences per tenant, evicting the oldest first', () => {
    const buffer = createReflectionBuffer(db, { capacity: 5 });
    const ids = Array.from({ length: 8 }, () => {
      const item = experience();
      buffer.record(item);
      return item.id;
    });
    buffer.record(experience({ tenant: 't2' }));
    expect(buffer.count('t1')).toBe(5);
    expect(buffer.count('t2')).toBe(1);
    expect(ids.slice(0, 3).map((id) => buffer.get('t1', id))).toEqual([undefined, undefined, undefined]);
    expect(ids.slice(3).every((id) => buffer.get('t1', id) !== undefined)).toBe(true);
  });

  it('defaults to the original capacity of 1,000', () => {
    const buffer = createReflectionBuffer(db);
    db.transaction(() => {
      for (let i = 0; i < 1_005; i++) {
        buffer.record(experience());
      }
    })();
    expect(buffer.count('t1')).toBe(1_000);
  });

  it('sets a reward once, reports missing experiences, and returns rewarded ones newest first', () => {
    const buffer = createReflectionBuffer(db);
    const [a, b, c] = [experience(), experience(), experience()];
    [a, b, c].forEach((item) => buffer.record(item));
    expect(buffer.setReward('t1', a.id, 0.5)).toBe(true);
    expect(buffer.setReward('t1', c.id, -1)).toBe(true);
    expect(buffer.setReward('t1', 'st_missing', 1)).toBe(false);
    expect(buffer.setReward('t2', a.id, 1)).toBe(false);
    expect(() => buffer.setReward('t1', a.id, 1)).toThrow(BadInputError);
    expect(() => buffer.setReward('t1', b.id, 1.5)).toThrow(RangeError);
    expect(buffer.rewarded('t1', 10).map((item) => [item.id, item.reward])).toEqual([
      [c.id, -1],
      [a.id, 0.5],
    ]);
    expect(buffer.rewarded('t1', 1)).toHaveLength(1);
    expect(buffer.get('t1', b.id)?.reward).toBeNull();
  });

  it('samples rewarded experiences without replacement, reproducibly for a seed', () => {
    const buffer = createReflectionBuffer(db);
    for (let i = 0; i < 20; i++) {
      const item = experience();
      buffer.record(item);
      if (i % 2 === 0) {
        buffer.setReward('t1', item.id, 1);
      }
    }
    const draw = (seed: number): string[] => buffer.sample('t1', 6, createSeededRng(seed)).map((item) => item.id);
    expect(draw(1)).toEqual(draw(1));
    expect(new Set(draw(1)).size).toBe(6);
    expect(buffer.sample('t1', 50, createSeededRng(2))).toHaveLength(10);
    expect(buffer.sample('t1', 50, createSeededRng(2)).every((item) => item.reward === 1)).toBe(true);
  });

  it('rejects malformed experiences and duplicate ids', () => {
    const buffer = createReflectionBuffer(db);
    expect(() => buffer.record(experience({ observation: new Float32Array(10) }))).toThrow(/124 values/u);
    expect(() => buffer.record(experience({ toolIndex: 5 }))).toThrow(/toolIndex/u);
    expect(() => buffer.record(experience({ actionProbabilities: [0.5, 0.5] }))).toThrow(/actionProbabilities/u);
    expect(() => buffer.record(experience({ logProb: Number.NaN }))).toThrow(/finite/u);
    const kept = experience();
    buffer.record(kept);
    expect(() => buffer.record(kept)).toThrow(/already recorded/u);
    // An older layout's observation is stored as it is; its version keeps it apart from obs-v1.
    buffer.record(experience({ encodingVersion: 'obs-v0', observation: new Float32Array(119) }));
    expect(buffer.count('t1')).toBe(2);
    expect(() => createReflectionBuffer(db, { capacity: 0 })).toThrow(RangeError);
  });

  it('reports per-tool and per-pattern counts, mean reward, success rate and the recommendation', () => {
    const buffer = createReflectionBuffer(db);
    const rewards: [ToolName, 'BARE' | 'FAST', number | null][] = [
      ['CALC', 'BARE', 1],
      ['CALC', 'BARE', 0.6],
      ['CALC', 'FAST', -0.4],
      ['CALC', 'FAST', null],
      ['NOTE', 'FAST', 0],
    ];
    for (const [tool, pattern, reward] of rewards) {
      const item = experience({ tool, pattern, confidence: 0.5, durationMs: 100 });
      buffer.record(item);
      if (reward !== null) {
        buffer.setReward('t1', item.id, reward);
      }
    }
    const stats = buffer.stats('t1');
    expect(stats.total).toMatchObject({ count: 5, rewarded: 4, successRate: 0.5 });
    expect(stats.total.meanReward).toBeCloseTo(0.3, 10);
    expect(stats.byTool.CALC).toMatchObject({ count: 4, rewarded: 3, meanConfidence: 0.5, meanDurationMs: 100 });
    expect(stats.byTool.CALC.meanReward).toBeCloseTo(0.4, 10);
    expect(stats.byTool.CALC.successRate).toBeCloseTo(2 / 3, 10);
    expect(stats.byTool.CALC.recommendation).toBeCloseTo(0.5 * (2 / 3) + 0.3 * 0.5 + 0.2 * 0.04, 10);
    expect(stats.byTool.NOTE).toMatchObject({ count: 1, rewarded: 1, meanReward: 0, successRate: 0 });
    expect(stats.byTool.GRAPH_QUERY).toMatchObject({ count: 0, rewarded: 0, meanReward: null, successRate: null, recommendation: 0 });
    expect(stats.byPattern.BARE).toMatchObject({ count: 2, rewarded: 2, successRate: 1 });
    expect(stats.byPattern.FAST).toMatchObject({ count: 3, rewarded: 2, successRate: 0 });
    expect(stats.byPattern.FUSED.count).toBe(0);
    expect(buffer.stats('nobody').total.count).toBe(0);
  });

  it('counts success against a configurable threshold (the original’s 0.6 unit threshold is 0.2 here)', () => {
    const buffer = createReflectionBuffer(db, { successThreshold: 0.2 });
    for (const reward of [0.1, 0.3]) {
      const item = experience();
      buffer.record(item);
      buffer.setReward('t1', item.id, reward);
    }
    expect(buffer.stats('t1').total.successRate).toBe(0.5);
  });

  it('derives learning signals from the stored rewards', () => {
    const buffer = createReflectionBuffer(db);
    for (let i = 0; i < 12; i++) {
      const item = experience({ tool: i < 10 ? 'ANSWER' : 'SEARCH', pattern: 'FAST' });
      buffer.record(item);
      buffer.setReward('t1', item.id, i < 10 ? -0.5 : 1);
    }
    const signals = buffer.signals('t1');
    expect(signals.map((signal) => [signal.type, signal.tool ?? signal.pattern])).toEqual([
      ['bandit_update', 'ANSWER'],
      ['threshold_adjustment', 'ANSWER'],
      ['pattern_preference', 'FAST'],
    ]);
    expect(buffer.signals('t2')).toEqual([]);
  });
});
