import { graphql, isScalarType, printSchema, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';

import { buildGraphApiSchema, graphApiContext } from '../../../src/graphapi/index.js';
import { DateTimeScalar } from '../../../src/graphql/index.js';
import { AppError } from '../../../src/shared/index.js';

function fieldNames(schema: GraphQLSchema, typeName: string): string[] {
  const type = schema.getType(typeName);
  if (type === undefined || !('getFields' in type)) {
    return [];
  }
  return Object.keys(type.getFields()).sort();
}

describe('the generated graph API schema (no database)', () => {
  let schema: GraphQLSchema;
  let sdl: string;

  beforeAll(async () => {
    schema = await buildGraphApiSchema();
    sdl = printSchema(schema);
  });

  it('serves reads of the three node types and one update, and no subscriptions', () => {
    expect(fieldNames(schema, 'Query')).toEqual([
      'entities',
      'entitiesConnection',
      'memories',
      'memoriesConnection',
      'weaves',
      'weavesConnection',
    ]);
    expect(fieldNames(schema, 'Mutation')).toEqual(['updateMemories']);
    expect(schema.getSubscriptionType()).toBeUndefined();
  });

  it('lets an update set importance and tags only, and no relationship', () => {
    expect(fieldNames(schema, 'MemoryUpdateInput')).toEqual(['importance', 'tags']);
  });

  it('keeps the field names of the API contract', () => {
    expect(fieldNames(schema, 'Memory')).toEqual(
      expect.arrayContaining(['id', 'text', 'createdAt', 'tags', 'source', 'sessionId', 'importance', 'accessCount', 'mentions', 'next', 'usedBy', 'usedByConnection']),
    );
    expect(fieldNames(schema, 'Entity')).toEqual(expect.arrayContaining(['name', 'kind', 'mentionedIn']));
    expect(fieldNames(schema, 'Weave')).toEqual(
      expect.arrayContaining(['id', 'query', 'tool', 'mode', 'response', 'confidence', 'reward', 'durationMs', 'createdAt', 'used', 'usedConnection']),
    );
    expect(fieldNames(schema, 'Used')).toEqual(['rank', 'score']);
  });

  it('declares no internal property anywhere: not as output, filter, sort or input', () => {
    const names = Object.values(schema.getTypeMap())
      .filter((type) => !type.name.startsWith('__'))
      .flatMap((type) => fieldNames(schema, type.name));
    for (const hidden of ['tenant', 'tenantKey', 'embedding', 'seq', 'body', 'feedback']) {
      expect(names).not.toContain(hidden);
      expect(sdl).not.toMatch(new RegExp(`^\\s*${hidden}\\b`, 'm'));
    }
  });

  it('filters with the operator inputs clients use', () => {
    expect(fieldNames(schema, 'StringScalarFilters')).toEqual(expect.arrayContaining(['eq', 'in', 'contains', 'startsWith']));
    expect(fieldNames(schema, 'WeaveWhere')).toEqual(expect.arrayContaining(['tool', 'createdAt', 'AND', 'OR', 'NOT']));
    expect(fieldNames(schema, 'WeaveUsedConnectionWhere')).toEqual(['AND', 'NOT', 'OR', 'edge', 'node']);
  });

  it('offers no relationship filters, which @neo4j/graphql checks without the related type’s tenant rule', () => {
    const relationshipFilters = ['mentions', 'mentionsConnection', 'next', 'previous', 'usedBy', 'usedByConnection', 'used', 'usedConnection', 'mentionedIn'];
    for (const where of ['MemoryWhere', 'WeaveWhere', 'EntityWhere']) {
      expect(fieldNames(schema, where).filter((name) => relationshipFilters.includes(name))).toEqual([]);
    }
  });

  it('uses the server DateTime scalar, which also serializes JS Dates', () => {
    const scalar = schema.getType('DateTime');
    expect(isScalarType(scalar)).toBe(true);
    expect(scalar?.description).toBe(DateTimeScalar.description);
    expect(isScalarType(scalar) ? scalar.serialize(new Date(0)) : undefined).toBe('1970-01-01T00:00:00.000Z');
  });

  it('leaves out the deprecated aliases', () => {
    expect(sdl).not.toContain('@deprecated');
  });

  it('fails an operation with BACKEND_UNAVAILABLE instead of contacting anything when built without a database', async () => {
    for (const source of ['{ memories { id } }', 'mutation { updateMemories { memories { id } } }']) {
      const result = await graphql({ schema, source, contextValue: { ...graphApiContext('t') } });
      const cause = result.errors?.[0]?.originalError;
      expect(cause).toBeInstanceOf(AppError);
      expect((cause as AppError).code).toBe('BACKEND_UNAVAILABLE');
      expect((cause as AppError).message).toContain('HOLOLOOM_BACKEND=neo4j');
    }
  });
});
