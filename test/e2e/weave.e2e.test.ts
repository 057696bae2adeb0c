import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { collectUntilDone } from '../support/collect-events.js';
import { startTestServer, type TestServer } from '../support/start-test-server.js';

const CORPUS = [
  'Alice Johnson works at Acme Corporation in Berlin.',
  'Bob Smith manages the Berlin office of Acme Corporation.',
  'The Eiffel Tower stands in Paris, the capital of France.',
  'The Seine river flows through Paris.',
  'Paris hosted the Summer Olympics in 2024.',
  'Photosynthesis turns sunlight, water and carbon dioxide into glucose and oxygen.',
  'Marie Curie won Nobel Prizes in physics and chemistry.',
];

const SPACETIME_FIELDS = `id query mode tool response confidence cacheHit durationMs motifs errorCode error
  context { memory { id text } score sources } toolScores { tool probability banditMean }
  trace { name durationMs detail }`;

const WEAVE = `mutation Weave($input: WeaveInput!) { weave(input: $input) { ${SPACETIME_FIELDS} } }`;

interface Spacetime {
  id: string;
  query: string;
  mode: string;
  tool: string;
  response: string;
  confidence: number;
  cacheHit: boolean;
  durationMs: number;
  motifs: string[];
  error: string | null;
  errorCode: string | null;
  context: { memory: { id: string; text: string }; score: number; sources: string[] }[];
  toolScores: { tool: string; probability: number; banditMean: number }[];
  trace: { name: string; durationMs: number }[];
}

interface ProgressEvent {
  weaveId: string;
  step: string;
  index: number;
  done: boolean;
}

const CYCLE = ['pattern', 'window', 'retrieve', 'features', 'warp', 'decide', 'execute', 'spacetime', 'reflect'];

describe('weave end to end over HTTP and WebSocket', () => {
  let t: TestServer;
  const ids = new Map<string, string>();

  async function weave(input: Record<string, unknown>): Promise<Spacetime> {
    const result = await t.gql<{ weave: Spacetime }>(WEAVE, { input });
    expect(result.errors).toBeUndefined();
    return result.data!.weave;
  }

  beforeAll(async () => {
    t = await startTestServer();
    const result = await t.gql<{ rememberMany: { id: string; text: string }[] }>(
      'mutation R($inputs: [RememberInput!]!) { rememberMany(inputs: $inputs) { id text } }',
      { inputs: CORPUS.map((text) => ({ text, tags: ['corpus'] })) },
    );
    result.data!.rememberMany.forEach((memory) => ids.set(memory.text, memory.id));
  });

  afterAll(async () => {
    await t.close({ removeData: true });
  });

  it('answers arithmetic with CALC', async () => {
    const spacetime = await weave({ query: 'What is 17 * 23?' });
    expect(spacetime.tool).toBe('CALC');
    expect(spacetime.response).toContain('391');
    expect(spacetime.motifs).toContain('arithmetic');
  });

  it('answers a remembered fact with ANSWER, citing the memory', async () => {
    const spacetime = await weave({ query: 'Where does Alice Johnson work?' });
    const memoryId = ids.get(CORPUS[0]!)!;
    expect(spacetime.tool).toBe('ANSWER');
    expect(spacetime.response).toContain('Acme Corporation');
    expect(spacetime.response).toContain(memoryId);
    expect(spacetime.context.map((hit) => hit.memory.id)).toContain(memoryId);
  });

  it('stores a note with NOTE, and the note is recallable', async () => {
    const spacetime = await weave({ query: 'Remember that the launch code is tangerine.' });
    expect(spacetime.tool).toBe('NOTE');
    const recalled = await t.gql<{ recall: { memory: { text: string } }[] }>(
      'query { recall(query: "launch code", k: 3) { memory { text } } }',
    );
    expect(recalled.data!.recall[0]!.memory.text.toLowerCase()).toContain('launch code is tangerine');
  });

  it('answers relation questions with GRAPH_QUERY', async () => {
    const spacetime = await weave({ query: 'What is connected to Paris?' });
    expect(spacetime.tool).toBe('GRAPH_QUERY');
    expect(spacetime.response).toMatch(/France|Eiffel Tower|Seine/);
  });

  it('lists memories with SEARCH', async () => {
    const spacetime = await weave({ query: 'List everything about Acme Corporation' });
    expect(spacetime.tool).toBe('SEARCH');
    expect(spacetime.response).toContain('Acme Corporation');
  });

  it('traces every step in order, summing to the duration', async () => {
    const spacetime = await weave({ query: 'Who manages the Berlin office?', useCache: false });
    expect(spacetime.trace.map((step) => step.name)).toEqual(CYCLE);
    const sum = spacetime.trace.reduce((total, step) => total + step.durationMs, 0);
    expect(Math.abs(sum - spacetime.durationMs)).toBeLessThanOrEqual(0.1 * spacetime.durationMs);
    expect(spacetime.toolScores).toHaveLength(5);
  });

  it('streams every weaveProgress step in order', async () => {
    const client = t.wsClient();
    const all = collectUntilDone<ProgressEvent>(client, 'subscription { weaveProgress { weaveId step done } }', 'weaveProgress');
    const one = collectUntilDone<ProgressEvent>(client, 'subscription { weaveProgress(id: "st_progress_1") { weaveId step index done } }', 'weaveProgress');
    // A subscription is live once it has seen an event; warm up until the unfiltered one has.
    for (let i = 0; all.events.length === 0 && i < 20; i++) {
      await weave({ query: `warm up ${i}`, id: `st_warm_${i}`, useCache: false });
    }
    await weave({ query: 'Tell me about photosynthesis', id: 'st_progress_1', useCache: false });
    await one.done;
    expect(one.events.map((event) => event.step)).toEqual(CYCLE);
    expect(one.events.map((event) => event.index)).toEqual(CYCLE.map((_, i) => i));
    expect(one.events.every((event) => event.weaveId === 'st_progress_1')).toBe(true);
  });

  it('serves a repeat from the cache and misses after a new memory', async () => {
    const first = await weave({ query: 'What did Marie Curie win?' });
    const second = await weave({ query: 'what did marie curie win' });
    expect(first.cacheHit).toBe(false);
    expect(second.cacheHit).toBe(true);
    expect(second.response).toBe(first.response);
    await t.gql('mutation { remember(input: { text: "Marie Curie discovered polonium and radium." }) { id } }');
    const third = await weave({ query: 'What did Marie Curie win?' });
    expect(third.cacheHit).toBe(false);
    const stats = await t.gql<{ cacheStats: { hits: number; misses: number } }>('query { cacheStats { hits misses } }');
    expect(stats.data!.cacheStats.hits).toBeGreaterThanOrEqual(1);
  });

  it('turns feedback into a stored reward, once per spacetime', async () => {
    const spacetime = await weave({ query: 'Where does Bob Smith work?', useCache: false });
    const give = (input: Record<string, unknown>) =>
      t.gql<{ feedback: number }>('mutation F($input: FeedbackInput!) { feedback(input: $input) }', { input });
    expect((await give({ spacetimeId: spacetime.id, rating: 5, comment: 'spot on' })).data?.feedback).toBe(1);
    const stored = await t.gql<{ spacetime: { reward: number } }>('query Q($id: ID!) { spacetime(id: $id) { reward } }', { id: spacetime.id });
    expect(stored.data?.spacetime.reward).toBe(1);
    expect((await give({ spacetimeId: spacetime.id, rating: 1 })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await give({ spacetimeId: 'st_missing', rating: 3 })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const other = await weave({ query: 'Where does Grace work?', useCache: false });
    expect((await give({ spacetimeId: other.id, rating: 9 })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('rejects bad input with codes and loses nothing', async () => {
    const before = await t.gql<{ health: { memoryCount: number } }>('query { health { memoryCount } }');
    const empty = await t.gql(WEAVE, { input: { query: '   ' } });
    expect(empty.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const oversize = await t.gql('mutation R($inputs: [RememberInput!]!) { rememberMany(inputs: $inputs) { id } }', {
      inputs: [{ text: 'fine' }, { text: 'x'.repeat(10_001) }],
    });
    expect(oversize.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(oversize.errors?.[0]?.message).toContain('10000');
    const unknown = await t.gql('mutation { forget(id: "mem_missing") }');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const badK = await t.gql('query { recall(query: "Paris", k: 0) { score } }');
    expect(badK.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const after = await t.gql<{ health: { memoryCount: number } }>('query { health { memoryCount } }');
    expect(after.data!.health.memoryCount).toBe(before.data!.health.memoryCount);
  });

  it('keeps memories and spacetimes across a restart on the same data folder', async () => {
    const spacetime = await weave({ query: 'Where is the Eiffel Tower?', useCache: false });
    t = await t.restart();
    const memory = await t.gql<{ memoryRecord: { text: string } | null }>(
      'query Q($id: ID!) { memoryRecord(id: $id) { text } }',
      { id: ids.get(CORPUS[2]!) },
    );
    expect(memory.data!.memoryRecord?.text).toBe(CORPUS[2]);
    const stored = await t.gql<{ spacetime: Spacetime | null }>(
      `query Q($id: ID!) { spacetime(id: $id) { ${SPACETIME_FIELDS} } }`,
      { id: spacetime.id },
    );
    expect(stored.data!.spacetime?.response).toBe(spacetime.response);
    expect(stored.data!.spacetime?.trace.map((step) => step.name)).toEqual(CYCLE);
    const listed = await t.gql<{ spacetimes: { id: string }[] }>('query { spacetimes(limit: 100) { id } }');
    expect(listed.data!.spacetimes.map((s) => s.id)).toContain(spacetime.id);
  });
});
