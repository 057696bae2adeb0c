import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  ACTION_COUNT,
  createReflectionBuffer,
  createSqliteTrainingRunLog,
  createTrainingService,
  ENCODING_VERSION,
  OBSERVATION_SIZE,
  type ReflectionBuffer,
  type TrainingEvent,
  type TrainingService,
} from '../../../../src/learning/index.js';
import { createSeededRng } from '../../../../src/shared/index.js';
import { openSqlite, type SqliteDatabase } from '../../../../src/storage/index.js';

const CALC = 2;
const TENANT = 'acme';

/** A query family the user wants answered by CALC: a fixed direction in observation space. */
function observation(i: number): Float32Array {
  const values = new Float32Array(OBSERVATION_SIZE);
  values[0] = 1;
  values[1 + (i % 5)] = 0.2;
  return values;
}

/** 40 weaves of that family with every tool tried, rewarded +1 for CALC and −1 otherwise. */
function recordFeedback(buffer: ReflectionBuffer): void {
  for (let i = 0; i < 40; i++) {
    const toolIndex = i % ACTION_COUNT;
    const id = `st_${i}`;
    buffer.record({
      id,
      tenant: TENANT,
      createdAt: new Date(1_700_000_000_000 + i),
      encodingVersion: ENCODING_VERSION,
      observation: observation(i),
      toolIndex,
      actionProbabilities: Array.from({ length: ACTION_COUNT }, () => 1 / ACTION_COUNT),
      logProb: Math.log(1 / ACTION_COUNT),
      value: null,
      pattern: 'FAST',
      confidence: 0.5,
      durationMs: 5,
      errorCode: null,
    });
    buffer.setReward(TENANT, id, toolIndex === CALC ? 1 : -1);
  }
}

describe('training service', () => {
  let dir: string;
  let db: SqliteDatabase;
  let buffer: ReflectionBuffer;
  const services: TrainingService[] = [];
  const events: TrainingEvent[] = [];

  const service = (): TrainingService => {
    const created = createTrainingService({ reflections: buffer, runLog: createSqliteTrainingRunLog(db), checkpointRoot: join(dir, 'policy'), publish: (event) => events.push(event), rng: createSeededRng(3), updatesPerRun: 6 });
    services.push(created);
    return created;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hololoom-training-'));
    db = openSqlite(join(dir, 'state.db'));
    buffer = createReflectionBuffer(db);
    events.length = 0;
  });

  afterEach(async () => {
    await Promise.all(services.splice(0).map((created) => created.close()));
    db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses to train without enough feedback, saying what is missing', () => {
    expect(() => service().train(TENANT, 'manual')).toThrow(/at least 4 weaves with feedback; this tenant has 0/);
  });

  it('trains off the request path, streams each update, and favours the rewarded tool afterwards', async () => {
    recordFeedback(buffer);
    const training = service();

    const run = training.train(TENANT, 'manual');
    expect(run.status).toBe('RUNNING');
    expect(training.train(TENANT, 'manual').id).toBe(run.id);
    await training.idle();

    const [finished] = training.runs(TENANT, 10);
    const network = await training.network(TENANT);
    const probabilities = network!.predict(observation(7)).probabilities;
    expect(finished).toMatchObject({ id: run.id, status: 'DONE', updates: 6, samples: 40, error: null });
    expect(events.map((event) => event.update)).toEqual([1, 2, 3, 4, 5, 6, 6]);
    expect(events.at(-1)?.done).toBe(true);
    expect(events.every((event) => Number.isFinite(event.policyLoss) && event.meanReward === -0.6)).toBe(true);
    expect(probabilities[CALC]).toBeGreaterThan(0.3);
    expect(probabilities[CALC]).toBe(Math.max(...probabilities));
    expect(await service().network('nobody')).toBeUndefined();
    expect(service().runs(TENANT, 10)).toEqual([finished]);
  }, 30_000);

  it('restores the trained network from its checkpoint in a new service (a restart)', async () => {
    recordFeedback(buffer);
    const first = service();
    first.train(TENANT, 'manual');
    await first.idle();
    const before = Array.from((await first.network(TENANT))!.predict(observation(1)).probabilities);

    const restored = await service().network(TENANT);

    expect(Array.from(restored!.predict(observation(1)).probabilities)).toEqual(before);
  }, 30_000);
});
