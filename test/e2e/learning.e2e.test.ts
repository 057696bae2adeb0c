import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { collectUntilDone } from '../support/collect-events.js';
import { startTestServer, type TestServer } from '../support/start-test-server.js';

interface ToolOutcome {
  tool: string;
  count: number;
  rewarded: number;
  meanReward: number | null;
  successRate: number | null;
}

interface PolicyStats {
  encodingVersion: string;
  total: { count: number; rewarded: number; meanReward: number | null };
  tools: ToolOutcome[];
}

const STATS = '{ policyStats { encodingVersion total { count rewarded meanReward } tools { tool count rewarded meanReward successRate } } }';

describe('weaves become experiences that feedback rewards', () => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer();
    await t.gql('mutation { remember(input: { text: "The Danube flows through Vienna and Budapest." }) { id } }');
  });

  afterAll(async () => {
    await t.close({ removeData: true });
  });

  const weave = async (query: string, tool: string): Promise<string> => {
    const response = await t.gql<{ weave: { id: string } }>('mutation W($q: String!, $t: Tool) { weave(input: { query: $q, tool: $t, useCache: false }) { id } }', { q: query, t: tool });
    return response.data!.weave.id;
  };

  it('records each weave with its obs-v1 observation, and attaches the feedback reward to it', async () => {
    const calc = await weave('What is 12 * 12?', 'CALC');
    const answer = await weave('Which cities does the Danube flow through?', 'ANSWER');
    await t.gql('mutation F($id: ID!) { feedback(input: { spacetimeId: $id, rating: 5 }) }', { id: calc });
    await t.gql('mutation F($id: ID!) { feedback(input: { spacetimeId: $id, success: false }) }', { id: answer });

    const stats = (await t.gql<{ policyStats: PolicyStats }>(STATS)).data!.policyStats;
    const byTool = new Map(stats.tools.map((tool) => [tool.tool, tool]));

    expect(stats.encodingVersion).toBe('obs-v1');
    expect(stats.total).toMatchObject({ count: 2, rewarded: 2 });
    expect(byTool.get('CALC')).toMatchObject({ count: 1, rewarded: 1, meanReward: 1, successRate: 1 });
    expect(byTool.get('ANSWER')).toMatchObject({ count: 1, rewarded: 1, meanReward: -1, successRate: 0 });
    expect(byTool.get('NOTE')).toMatchObject({ count: 0, rewarded: 0, meanReward: null });
  });

  it('keeps the experiences, with their observation, in state.db across a restart', async () => {
    t = await t.restart();

    const stats = (await t.gql<{ policyStats: PolicyStats }>(STATS)).data!.policyStats;
    const db = new Database(`${t.dataDir}/state.db`, { readonly: true });
    try {
      const row = db.prepare<[], { bytes: number }>('SELECT length(observation) AS bytes FROM reflections LIMIT 1').get();
      expect(row?.bytes).toBe(124 * 4);
    } finally {
      db.close();
    }
    expect(stats.total).toMatchObject({ count: 2, rewarded: 2 });
  });

  it('trains on the weaves with feedback, streaming each PPO update over graphql-ws until done', async () => {
    for (const [i, tool] of ['CALC', 'ANSWER', 'CALC', 'NOTE'].entries()) {
      const id = await weave(`What is ${i + 3} * 7?`, tool);
      await t.gql('mutation F($id: ID!, $ok: Boolean!) { feedback(input: { spacetimeId: $id, success: $ok }) }', { id, ok: tool === 'CALC' });
    }
    const { events, done: finished } = collectUntilDone<{ update: number; done: boolean; approxKl: number }>(
      t.wsClient(),
      'subscription { trainingProgress { update done approxKl } }',
      'trainingProgress',
    );
    // The subscription must be registered before the run can publish.
    await new Promise((resolve) => setTimeout(resolve, 100));

    const started = await t.gql<{ train: { id: string; status: string; samples: number } }>('mutation { train(input: { updates: 3 }) { id status samples } }');
    await finished;
    const runs = await t.gql<{ trainingRuns: { id: string; status: string; updates: number }[] }>('{ trainingRuns { id status updates } }');

    expect(started.data!.train).toMatchObject({ status: 'RUNNING', samples: 6 });
    expect(events.map((event) => event.update)).toEqual([1, 2, 3, 3]);
    expect(events.every((event) => Number.isFinite(event.approxKl))).toBe(true);
    expect(runs.data!.trainingRuns[0]).toEqual({ id: started.data!.train.id, status: 'DONE', updates: 3 });
  });

  it('refuses training without enough feedback, and a run size out of range', async () => {
    const empty = await t.gql('mutation { train { id } }', {}, { 'x-hololoom-tenant': 'fresh' });
    const tooMany = await t.gql('mutation { train(input: { updates: 500 }) { id } }');
    expect(empty.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(empty.errors?.[0]?.message).toMatch(/at least 4 weaves with feedback/);
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('separates tenants', async () => {
    const other = await t.gql<{ policyStats: PolicyStats }>(STATS, {}, { 'x-hololoom-tenant': 'someone-else' });
    expect(other.data!.policyStats.total).toMatchObject({ count: 0, rewarded: 0 });
  });
});

describe('training every N feedback events (HOLOLOOM_TRAIN_EVERY)', () => {
  it('starts a run by itself at the Nth feedback', async () => {
    const t = await startTestServer({ HOLOLOOM_TRAIN_EVERY: '4' });
    try {
      for (const [i, tool] of ['CALC', 'ANSWER', 'CALC', 'NOTE'].entries()) {
        const woven = await t.gql<{ weave: { id: string } }>('mutation W($q: String!, $t: Tool) { weave(input: { query: $q, tool: $t }) { id } }', { q: `What is ${i} + 9?`, t: tool });
        await t.gql('mutation F($id: ID!) { feedback(input: { spacetimeId: $id, rating: 4 }) }', { id: woven.data!.weave.id });
      }
      const runs = await t.gql<{ trainingRuns: { reason: string; samples: number }[] }>('{ trainingRuns { reason samples } }');
      expect(runs.data!.trainingRuns).toEqual([{ reason: 'feedback', samples: 4 }]);
    } finally {
      await t.close({ removeData: true });
    }
  });
});
