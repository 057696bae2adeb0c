import { makeExecutableSchema } from '@graphql-tools/schema';
import { type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';

import { resolvers } from '../../../resolvers/index.js';
import { buildGraphApiSchema } from '../../../src/graphapi/index.js';
import { buildGraphqlSchema, createTypedPubSub, DateTimeScalar, findSchemaCollisions, printSchemaSdl } from '../../../src/graphql/index.js';

const buildTyped = (extraSchemas: readonly GraphQLSchema[] = []): Promise<GraphQLSchema> =>
  buildGraphqlSchema({ resolvers: [...resolvers], pubSub: createTypedPubSub(), extraSchemas });

describe('the typed API and the generated graph API side by side', () => {
  let typed: GraphQLSchema;
  let graph: GraphQLSchema;

  beforeAll(async () => {
    [typed, graph] = await Promise.all([buildTyped(), buildGraphApiSchema()]);
  });

  it('share no type name besides the roots and DateTime, and no root field', () => {
    expect(findSchemaCollisions([typed, graph])).toEqual([]);
  });

  it('merge into one schema with both APIs and one DateTime', async () => {
    const merged = await buildTyped([graph]);
    const queries = Object.keys(merged.getQueryType()?.getFields() ?? {});
    expect(queries).toEqual(expect.arrayContaining(['recall', 'memoryRecord', 'memories', 'weavesConnection']));
    expect(Object.keys(merged.getMutationType()?.getFields() ?? {})).toEqual(expect.arrayContaining(['remember', 'updateMemories']));
    // The generated API adds no subscriptions (no CDC here): only the typed API's remain.
    const typedOnly = await buildTyped([]);
    expect(Object.keys(merged.getSubscriptionType()?.getFields() ?? {})).toEqual(Object.keys(typedOnly.getSubscriptionType()?.getFields() ?? {}));
    const sdl = printSchemaSdl(merged);
    expect(sdl.match(/^scalar DateTime$/gm)).toHaveLength(1);
    expect(sdl).toContain('memoriesConnection(');
    expect(sdl).toContain('recall(');
  });

  it('print the same DateTime with or without the graph API', async () => {
    const merged = await buildTyped([graph]);
    expect(typed.getType('DateTime')?.description).toBe(DateTimeScalar.description);
    expect(merged.getType('DateTime')?.description).toBe(DateTimeScalar.description);
  });
});

describe('findSchemaCollisions', () => {
  const schemaOf = (typeDefs: string): GraphQLSchema => makeExecutableSchema({ typeDefs });

  it('reports a shared type name and a shared root field', () => {
    const one = schemaOf('type Query { health: Health } type Health { ok: Boolean } scalar DateTime');
    const two = schemaOf('type Query { health: Int, other: Health } type Health { up: Boolean } scalar DateTime');
    expect(findSchemaCollisions([one, two])).toEqual(['Health', 'Query.health']);
  });

  it('makes buildGraphqlSchema refuse to merge, instead of silently unioning the types', async () => {
    await expect(buildTyped([schemaOf('type Query { x: Health } type Health { up: Boolean }')])).rejects.toThrow(/Health/);
  });
});
