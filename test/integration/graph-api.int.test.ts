import { randomUUID } from 'node:crypto';

import { graphql, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { resolvers } from '../../resolvers/index.js';
import { buildGraphApiSchema, graphApiContext } from '../../src/graphapi/index.js';
import { createGraphDb, type GraphDb } from '../../src/graphdb/index.js';
import { buildGraphqlSchema, createTypedPubSub } from '../../src/graphql/index.js';
import { AppError } from '../../src/shared/index.js';

import { seedTenants, type Seeded } from './graph-api-seed.js';

const connection = inject('neo4j');

type Data = Record<string, unknown>;

describe.runIf(connection !== null)('the generated graph API over Neo4j', () => {
  let db: GraphDb;
  let schema: GraphQLSchema;
  let seed: Seeded;

  /** Runs one operation as `tenant` (or with no JWT at all) against the merged schema. */
  async function run(source: string, tenant: string | null, variableValues?: Data): Promise<ExecutionResult<Data>> {
    const contextValue = tenant === null ? {} : { ...graphApiContext(tenant) };
    return graphql({ schema, source, contextValue, variableValues });
  }

  async function data(source: string, tenant: string | null, variableValues?: Data): Promise<Data> {
    const result = await run(source, tenant, variableValues);
    expect(result.errors).toBeUndefined();
    return result.data!;
  }

  async function importanceOf(id: string): Promise<unknown> {
    const rows = await db.read('MATCH (m:Memory { id: $id }) RETURN m.importance AS importance', { id }, (r) => r.get('importance') as unknown);
    return rows[0];
  }

  beforeAll(async () => {
    db = createGraphDb({ ...connection!, maxRetryTimeMs: 0 });
    seed = await seedTenants(db, `t_${randomUUID()}`, `t_${randomUUID()}`);
    // The real merge: the typed API's resolvers (never called here) plus the generated API.
    const graph = await buildGraphApiSchema({ graphDb: db });
    schema = await buildGraphqlSchema({ resolvers: [...resolvers], pubSub: createTypedPubSub(), extraSchemas: [graph] });
  });

  afterAll(async () => {
    await seed.remove();
    await db.close();
  });

  it('reads weaves with the memories they used, their entities and the USED properties', async () => {
    const { a, m } = seed;
    const result = await data(
      `{ weaves(where: { tool: { eq: "ANSWER" } }) {
          id query createdAt
          used(sort: [{ createdAt: ASC }]) { id text mentions(sort: [{ name: ASC }]) { name } }
          usedConnection(sort: [{ edge: { rank: ASC } }]) { totalCount edges { properties { score rank } node { id } } }
      } }`,
      a,
    );
    expect(result['weaves']).toEqual([
      {
        id: seed.w1,
        query: 'where was I in May?',
        createdAt: '2024-05-10T09:00:00.000Z',
        used: [
          { id: m[0], text: 'Flew to Paris with Ada.', mentions: [{ name: 'Ada' }, { name: 'Paris' }] },
          { id: m[1], text: 'Ada showed me the Louvre in Paris.', mentions: [{ name: 'Ada' }, { name: 'Paris' }] },
        ],
        usedConnection: {
          totalCount: 2,
          edges: [
            { properties: { score: 0.5, rank: 1 }, node: { id: m[1] } },
            { properties: { score: 0.25, rank: 2 }, node: { id: m[0] } },
          ],
        },
      },
    ]);
  });

  it('filters, sorts and pages memoriesConnection with cursors', async () => {
    const { a, m } = seed;
    const page = `query Page($after: String) {
      memoriesConnection(where: { sessionId: { eq: "s1" } }, sort: [{ createdAt: DESC }], first: 2, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id createdAt tags } }
      } }`;
    const first = (await data(page, a))['memoriesConnection'] as { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { id: string } }[] };
    expect(first.totalCount).toBe(4);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(first.edges.map((edge) => edge.node.id)).toEqual([m[3], m[2]]);
    const second = (await data(page, a, { after: first.pageInfo.endCursor }))['memoriesConnection'] as typeof first;
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect(second.edges.map((edge) => edge.node.id)).toEqual([m[1], m[0]]);

    const tagged = await data(
      '{ memories(where: { tags: { includes: "travel" }, createdAt: { gt: "2024-05-01T00:00:00+02:00" } }, sort: [{ createdAt: ASC }]) { id next { id } previous { id } } }',
      a,
    );
    expect(tagged['memories']).toEqual([
      { id: m[0], next: [{ id: m[1] }], previous: [] },
      { id: m[4], next: [], previous: [{ id: m[3] }] },
    ]);
  });

  it('reads entities with the memories that mention them', async () => {
    const { a, m } = seed;
    const result = await data('{ entities(sort: [{ name: ASC }]) { name kind mentionedIn(sort: [{ createdAt: ASC }]) { id } } }', a);
    expect(result['entities']).toEqual([
      { name: 'Ada', kind: null, mentionedIn: [{ id: m[0] }, { id: m[1] }] },
      { name: 'Berlin', kind: null, mentionedIn: [{ id: m[3] }] },
      { name: 'Paris', kind: null, mentionedIn: [{ id: m[0] }, { id: m[1] }, { id: m[4] }] },
    ]);
  });

  it('shows one tenant none of the other tenant’s nodes: top level, nested, counted or aggregated', async () => {
    const { b, m, mb, w1, wb } = seed;
    const asB = await data(
      `{ memories { id usedBy { id } } weaves { id used { id } } entities { name mentionedIn { id } }
         memoriesConnection { totalCount aggregate { count { nodes } node { text { longest } } } }
         weavesConnection { edges { node { usedConnection {
           totalCount aggregate { count { nodes edges } edge { score { min } } node { text { shortest } } } } } } }
         entitiesConnection(where: { name: { eq: "Paris" } }) { totalCount } }`,
      b,
    );
    // B's weave was (wrongly) linked to A's first memory; B must still see only its own.
    expect(asB['memories']).toEqual([{ id: mb, usedBy: [{ id: wb }] }]);
    expect(asB['weaves']).toEqual([{ id: wb, used: [{ id: mb }] }]);
    expect(asB['entities']).toEqual([{ name: 'Paris', mentionedIn: [{ id: mb }] }]);
    expect(asB['memoriesConnection']).toEqual({ totalCount: 1, aggregate: { count: { nodes: 1 }, node: { text: { longest: 'Paris in spring.' } } } });
    expect(asB['weavesConnection']).toEqual({
      edges: [{ node: { usedConnection: { totalCount: 1, aggregate: { count: { nodes: 1, edges: 1 }, edge: { score: { min: 1 } }, node: { text: { shortest: 'Paris in spring.' } } } } } }],
    });
    expect(asB['entitiesConnection']).toEqual({ totalCount: 1 });

    const asA = await data(
      `{ memories(where: { id: { eq: "${m[0]}" } }) { usedBy { id } mentions(sort: [{ name: ASC }]) { name } usedByConnection { totalCount } }
         memoriesConnection { totalCount aggregate { count { nodes } } } }`,
      seed.a,
    );
    // A's first memory was (wrongly) linked to B's Paris and used by B's weave: both stay hidden.
    expect(asA['memories']).toEqual([{ usedBy: [{ id: w1 }], mentions: [{ name: 'Ada' }, { name: 'Paris' }], usedByConnection: { totalCount: 1 } }]);
    expect(asA['memoriesConnection']).toEqual({ totalCount: 5, aggregate: { count: { nodes: 5 } } });
  });

  it('follows no stray edge into the other tenant: chains, mention and use connections, their aggregates', async () => {
    const { a, b, m, mb, w1 } = seed;
    // Chain edges HoloLoom never writes, across tenants, on top of the seed's stray MENTIONS and USED.
    await db.writeTransaction((tx) =>
      tx.run('MATCH (x:Memory { tenant: $a, id: $last }), (y:Memory { tenant: $b, id: $mb }), (z:Memory { tenant: $a, id: $first }) CREATE (x)-[:NEXT_IN_TIME]->(y)-[:NEXT_IN_TIME]->(z)', { a, b, mb, last: m[4], first: m[0] }),
    );
    const chainOf = `query Chain($id: ID!) { memories(where: { id: { eq: $id } }) {
      next { id } previous { id } nextConnection { totalCount aggregate { count { nodes } node { text { longest } } } }
      previousConnection { totalCount } mentionsConnection { totalCount aggregate { count { nodes } node { name { longest } } } } } }`;
    expect((await data(chainOf, a, { id: m[4] }))['memories']).toEqual([
      { next: [], previous: [{ id: m[3] }], nextConnection: { totalCount: 0, aggregate: { count: { nodes: 0 }, node: { text: { longest: null } } } }, previousConnection: { totalCount: 1 }, mentionsConnection: { totalCount: 1, aggregate: { count: { nodes: 1 }, node: { name: { longest: 'Paris' } } } } },
    ]);
    expect((await data(chainOf, b, { id: mb }))['memories']).toEqual([
      { next: [], previous: [], nextConnection: { totalCount: 0, aggregate: { count: { nodes: 0 }, node: { text: { longest: null } } } }, previousConnection: { totalCount: 0 }, mentionsConnection: { totalCount: 1, aggregate: { count: { nodes: 1 }, node: { name: { longest: 'Paris' } } } } },
    ]);
    const asB = await data(
      `{ entities { mentionedInConnection { totalCount aggregate { count { nodes } node { text { longest } } } } }
         weaves { usedConnection(where: { edge: { score: { lt: 0.2 } } }) { totalCount edges { properties { score } node { id } } } } }`,
      b,
    );
    expect(asB).toEqual({
      entities: [{ mentionedInConnection: { totalCount: 1, aggregate: { count: { nodes: 1 }, node: { text: { longest: 'Paris in spring.' } } } } }],
      weaves: [{ usedConnection: { totalCount: 0, edges: [] } }],
    });
    const updated = await data(
      `mutation Touch($id: ID!) { updateMemories(where: { id: { eq: $id } }, update: { importance: { set: 0.3 } }) { memories { usedBy { id } next { id } previous { id } mentions(sort: [{ name: ASC }]) { name } } } }`,
      a,
      { id: m[0] },
    );
    expect(updated['updateMemories']).toEqual({ memories: [{ usedBy: [{ id: w1 }], next: [{ id: m[1] }], previous: [], mentions: [{ name: 'Ada' }, { name: 'Paris' }] }] });
    // The update test below expects m[0] untouched.
    await db.writeTransaction((tx) => tx.run('MATCH (x:Memory { tenant: $a, id: $id }) REMOVE x.importance', { a, id: m[0] }));
  });

  it('offers no relationship filters, which would skip the related type’s tenant rule', async () => {
    const probe = await run(`{ weaves(where: { used: { some: { id: { eq: "${seed.m[0]}" } } } }) { id } }`, seed.b);
    expect(probe.errors?.[0]?.message).toMatch(/"used" is not defined by type "WeaveWhere"/);
    const nested = await run('{ weaves { used(where: { mentions: { some: { name: { eq: "Paris" } } } }) { id } } }', seed.b);
    expect(nested.errors?.[0]?.message).toMatch(/"mentions" is not defined by type "MemoryWhere"/);
  });

  it('lets a tenant update importance and tags of its own memories only', async () => {
    const { a, b, m } = seed;
    const update = `mutation Update($id: ID!) {
      updateMemories(where: { id: { eq: $id } }, update: { importance: { set: 0.9 }, tags: { push: ["starred"] } }) { memories { id importance tags } } }`;
    const byB = await data(update, b, { id: m[0] });
    expect(byB['updateMemories']).toEqual({ memories: [] });
    expect(await importanceOf(m[0]!)).toBeNull();

    // Without a where, an update reaches every memory of the caller's tenant and nothing else.
    await data('mutation { updateMemories(update: { tags: { set: ["b-only"] } }) { memories { id } } }', b);
    const tagsOfA = await data(`{ memories(where: { id: { eq: "${m[0]}" } }) { tags } }`, a);
    expect(tagsOfA['memories']).toEqual([{ tags: ['travel', 'may'] }]);

    const byA = await data(update, a, { id: m[0] });
    expect(byA['updateMemories']).toEqual({ memories: [{ id: m[0], importance: 0.9, tags: ['travel', 'may', 'starred'] }] });
    expect(await importanceOf(m[0]!)).toBe(0.9);
  });

  it('rejects updating any other field, and offers no create or delete', async () => {
    const { a, m } = seed;
    const text = await run(`mutation { updateMemories(where: { id: { eq: "${m[1]}" } }, update: { text: { set: "rewritten" } }) { memories { id } } }`, a);
    expect(text.errors?.[0]?.message).toMatch(/"text" is not defined by type "MemoryUpdateInput"/);
    const mentions = await run('mutation { updateMemories(update: { mentions: [] }) { memories { id } } }', a);
    expect(mentions.errors?.[0]?.message).toMatch(/"mentions" is not defined/);

    const mutations = Object.keys(schema.getMutationType()?.getFields() ?? {});
    expect(mutations.filter((name) => /^(create|delete|update)[A-Z]/.test(name))).toEqual(['updateMemories']);
    const create = await run('mutation { createMemories(input: [{ id: "x", text: "x" }]) { memories { id } } }', a);
    expect(create.errors?.[0]?.message).toMatch(/Cannot query field "createMemories"/);
    const remove = await run('mutation { deleteWeaves { nodesDeleted } }', a);
    expect(remove.errors?.[0]?.message).toMatch(/Cannot query field "deleteWeaves"/);
  });

  it('hides tenant from filters and selections', async () => {
    const filter = await run(`{ memories(where: { tenant: { eq: "${seed.a}" } }) { id } }`, seed.a);
    expect(filter.errors?.[0]?.message).toMatch(/"tenant" is not defined by type "MemoryWhere"/);
    const select = await run('{ memories { tenant } }', seed.a);
    expect(select.errors?.[0]?.message).toMatch(/Cannot query field "tenant"/);
  });

  it('shows nothing and changes nothing without a JWT in the context', async () => {
    const result = await data(
      `{ memories { id } weaves { id } entities { name } memoriesConnection { totalCount aggregate { count { nodes } } } }`,
      null,
    );
    expect(result).toEqual({ memories: [], weaves: [], entities: [], memoriesConnection: { totalCount: 0, aggregate: { count: { nodes: 0 } } } });
    const update = await data(`mutation { updateMemories(where: { id: { eq: "${seed.m[2]}" } }, update: { importance: { set: 0.1 } }) { memories { id } } }`, null);
    expect(update['updateMemories']).toEqual({ memories: [] });
    expect(await importanceOf(seed.m[2]!)).toBeNull();
  });

  it('answers BACKEND_UNAVAILABLE when Neo4j does not answer', async () => {
    const down = createGraphDb({ uri: 'bolt://127.0.0.1:1', user: 'neo4j', password: 'x', connectionTimeoutMs: 500, maxRetryTimeMs: 0 });
    try {
      const graph = await buildGraphApiSchema({ graphDb: down });
      const result = await graphql({ schema: graph, source: '{ memories { id } }', contextValue: { ...graphApiContext(seed.a) } });
      const cause = result.errors?.[0]?.originalError;
      expect(cause).toBeInstanceOf(AppError);
      expect((cause as AppError).code).toBe('BACKEND_UNAVAILABLE');
    } finally {
      await down.close();
    }
  });
});
