import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { dropTenant } from '../../src/bench/index.js';
import { startTestServer, type GqlResponse, type TestServer } from '../support/start-test-server.js';

const connection = inject('neo4j');

const CORPUS = [
  { text: 'Marie Curie was born in Warsaw in 1867.', tags: ['science', 'history'] },
  { text: 'Warsaw is the capital of Poland.', tags: ['geography'] },
  { text: 'Marie Curie won Nobel Prizes in physics and chemistry.', tags: ['science'] },
  { text: 'Photosynthesis turns sunlight and water into glucose.', tags: ['science'] },
  { text: 'The Seine flows through Paris.', tags: ['geography'] },
];

interface Woven {
  id: string;
  query: string;
  tool: string;
  response: string;
  context: { memory: { id: string; text: string }; score: number }[];
}

interface GraphWeave {
  id: string;
  query: string;
  tool: string;
  response: string;
  used: { text: string; mentions: { name: string }[] }[];
  usedConnection: { edges: { properties: { rank: number; score: number }; node: { id: string } }[] };
}

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string };
  edges: { node: { id: string; text: string; tags: string[] } }[];
}

const WEAVE = 'mutation W($input: WeaveInput!) { weave(input: $input) { id query tool response context { memory { id text } score } } }';
const GRAPH_WEAVE = `query G($id: ID!) { weaves(where: { id: { eq: $id } }) {
  id query tool response
  used { text mentions(sort: [{ name: ASC }]) { name } }
  usedConnection(sort: [{ edge: { rank: ASC } }]) { edges { properties { rank score } node { id } } } } }`;
const PAGE = `query P($after: String) {
  memoriesConnection(where: { tags: { includes: "science" } }, sort: [{ createdAt: ASC }, { id: ASC }], first: 2, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id text tags } } } }`;

function ok<T>(response: GqlResponse<T>): T {
  expect(response.errors).toBeUndefined();
  return response.data!;
}

describe.runIf(connection !== null)('the server on the Neo4j backend: typed API, then the generated graph API', () => {
  let t: TestServer;
  const A = { 'x-hololoom-tenant': `e2e-a-${randomUUID().slice(0, 8)}` };
  const B = { 'x-hololoom-tenant': `e2e-b-${randomUUID().slice(0, 8)}` };
  let stored: { id: string; text: string }[];

  beforeAll(async () => {
    const { uri, user, password } = connection!;
    t = await startTestServer({ HOLOLOOM_BACKEND: 'neo4j', NEO4J_URI: uri, NEO4J_USER: user, NEO4J_PASSWORD: password });
    const remembered = await t.gql<{ rememberMany: { id: string; text: string }[] }>(
      'mutation R($inputs: [RememberInput!]!) { rememberMany(inputs: $inputs) { id text } }',
      { inputs: CORPUS },
      A,
    );
    stored = ok(remembered).rememberMany;
    await t.gql('mutation { remember(input: { text: "Globex keeps its secrets in Zurich.", tags: ["science"] }) { id } }', {}, B);
  });

  afterAll(async () => {
    if (t.app.graphDb !== null) {
      await dropTenant(t.app.graphDb, A['x-hololoom-tenant']);
      await dropTenant(t.app.graphDb, B['x-hololoom-tenant']);
    }
    await t.close({ removeData: true });
  });

  it('reports the neo4j backend as ready', async () => {
    const health = ok(await t.gql<{ health: { backend: string; memoryCount: number } }>('{ health { backend memoryCount } }', {}, A));
    expect(health.health).toEqual({ backend: 'neo4j', memoryCount: CORPUS.length });
    expect((await fetch(t.server.url.replace(/\/graphql$/, '/readyz'))).status).toBe(200);
  });

  it('weaves, and the generated API shows the Weave node with the memories it used and their entities', async () => {
    const woven = ok(await t.gql<{ weave: Woven }>(WEAVE, { input: { query: 'Where was Marie Curie born?', tool: 'ANSWER' } }, A)).weave;
    expect(woven.context[0]?.memory.text).toBe(CORPUS[0]!.text);

    const [node] = ok(await t.gql<{ weaves: GraphWeave[] }>(GRAPH_WEAVE, { id: woven.id }, A)).weaves;

    expect(node).toMatchObject({ id: woven.id, query: woven.query, tool: 'ANSWER', response: woven.response });
    expect(node!.usedConnection.edges.map((edge) => edge.node.id)).toEqual(woven.context.map((hit) => hit.memory.id));
    expect(node!.usedConnection.edges.map((edge) => edge.properties.rank)).toEqual(woven.context.map((_, i) => i + 1));
    expect(node!.usedConnection.edges[0]?.properties.score).toBeCloseTo(woven.context[0]!.score, 6);
    const born = node!.used.find((memory) => memory.text === CORPUS[0]!.text);
    expect(born?.mentions.map((entity) => entity.name)).toEqual(['Marie Curie', 'Warsaw']);
  });

  it('pages a filtered, sorted memoriesConnection with cursors', async () => {
    // One rememberMany shares one createdAt, so the id breaks the tie.
    const science = stored.filter((_, i) => CORPUS[i]!.tags.includes('science')).sort((x, y) => x.id.localeCompare(y.id));

    const first = ok(await t.gql<{ memoriesConnection: Page }>(PAGE, {}, A)).memoriesConnection;
    const second = ok(await t.gql<{ memoriesConnection: Page }>(PAGE, { after: first.pageInfo.endCursor }, A)).memoriesConnection;

    expect(first.totalCount).toBe(science.length);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect([...first.edges, ...second.edges].map((edge) => edge.node.id)).toEqual(science.map((memory) => memory.id));
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it('keeps tenants apart on both APIs', async () => {
    const secret = stored[0]!.id;
    const typed = ok(
      await t.gql<{ recall: { memory: { text: string } }[]; memoryRecord: unknown; neighborhood: { found: boolean } }>(
        'query Q($id: ID!) { recall(query: "Marie Curie Warsaw") { memory { text } } memoryRecord(id: $id) { id } neighborhood(entity: "Warsaw") { found } }',
        { id: secret },
        B,
      ),
    );
    const generated = ok(
      await t.gql<{ memories: { text: string }[]; weaves: unknown[]; entities: { name: string }[]; memoriesConnection: { totalCount: number } }>(
        '{ memories { text } weaves { id } entities { name } memoriesConnection { totalCount } }',
        {},
        B,
      ),
    );
    const write = ok(
      await t.gql<{ updateMemories: { memories: unknown[] } }>(
        'mutation U($id: ID!) { updateMemories(where: { id: { eq: $id } }, update: { importance: { set: 0.1 } }) { memories { id } } }',
        { id: secret },
        B,
      ),
    );
    const own = ok(await t.gql<{ memories: { importance: number | null }[] }>('query M($id: ID!) { memories(where: { id: { eq: $id } }) { importance } }', { id: secret }, A));

    expect(typed).toEqual({ recall: [{ memory: { text: 'Globex keeps its secrets in Zurich.' } }], memoryRecord: null, neighborhood: { found: false } });
    expect(generated.memories).toEqual([{ text: 'Globex keeps its secrets in Zurich.' }]);
    expect(generated.entities.map((entity) => entity.name).sort()).toEqual(['Globex', 'Zurich']);
    expect(generated.weaves).toEqual([]);
    expect(generated.memoriesConnection).toEqual({ totalCount: 1 });
    expect(write.updateMemories.memories).toEqual([]);
    expect(own.memories).toEqual([{ importance: null }]);
  });

  it('batches the typed API: aliased lookups cost one read, repeated neighbourhoods are read once', async () => {
    const db = t.app.graphDb!;
    const ids = stored.map((memory) => memory.id);
    const aliases = ids.map((id, i) => `m${i}: memoryRecord(id: "${id}") { id text }`).join(' ');

    const before = db.queryCount();
    const lookups = ok(await t.gql<Record<string, { id: string }>>(`{ ${aliases} }`, {}, A));
    const afterLookups = db.queryCount();
    ok(await t.gql('{ neighborhood(entity: "Warsaw", depth: 2) { entity } }', {}, A));
    const one = db.queryCount() - afterLookups;
    const start = db.queryCount();
    ok(await t.gql('{ a: neighborhood(entity: "Warsaw", depth: 2) { entity } b: neighborhood(entity: "Warsaw", depth: 2) { found } c: neighborhood(entity: "Warsaw", depth: 2) { entities { name } } }', {}, A));
    const three = db.queryCount() - start;

    expect(Object.values(lookups).map((memory) => memory.id)).toEqual(ids);
    expect(afterLookups - before).toBe(1);
    expect(three).toBe(one);
  });

  it('keeps memories and spacetimes across a server restart', async () => {
    const woven = ok(await t.gql<{ weave: Woven }>(WEAVE, { input: { query: 'What is the capital of Poland?' } }, A)).weave;

    t = await t.restart();

    const after = ok(
      await t.gql<{ spacetime: { query: string }; recall: { memory: { id: string } }[] }>(
        'query S($id: ID!) { spacetime(id: $id) { query } recall(query: "capital of Poland", k: 1) { memory { id } } }',
        { id: woven.id },
        A,
      ),
    );
    expect(after.spacetime.query).toBe('What is the capital of Poland?');
    expect(after.recall[0]?.memory.id).toBe(stored[1]!.id);
  });
});
