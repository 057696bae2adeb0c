import { makeExecutableSchema } from '@graphql-tools/schema';
import { Field, ObjectType, Query, Resolver } from 'type-graphql';
import { describe, expect, it } from 'vitest';

import {
  buildGraphqlSchema,
  createTypedPubSub,
  printSchemaSdl,
} from '../../../src/graphql/index.js';

@ObjectType('SchemaProbe')
class SchemaProbe {
  @Field(() => Date) createdAt!: Date;
  @Field(() => String) name!: string;
}

@Resolver(() => SchemaProbe)
class SchemaProbeResolver {
  @Query(() => SchemaProbe)
  schemaProbe(): SchemaProbe {
    return Object.assign(new SchemaProbe(), { createdAt: new Date(0), name: 'probe' });
  }
}

const extra = makeExecutableSchema({
  typeDefs: 'type Query { extraField: Int }',
  resolvers: { Query: { extraField: () => 7 } },
});

describe('buildGraphqlSchema', () => {
  it('maps Date to the DateTime scalar the API names', async () => {
    const schema = await buildGraphqlSchema({
      resolvers: [SchemaProbeResolver],
      pubSub: createTypedPubSub(),
    });
    expect(schema.getType('DateTime')).toBeDefined();
    expect(schema.getType('DateTimeISO')).toBeUndefined();
  });

  it('merges extra schemas into one Query type', async () => {
    const schema = await buildGraphqlSchema({
      resolvers: [SchemaProbeResolver],
      pubSub: createTypedPubSub(),
      extraSchemas: [extra],
    });
    expect(Object.keys(schema.getQueryType()?.getFields() ?? {}).sort()).toEqual([
      'extraField',
      'schemaProbe',
    ]);
  });
});

describe('printSchemaSdl', () => {
  it('prints types in a stable, sorted order ending with a newline', async () => {
    const schema = await buildGraphqlSchema({
      resolvers: [SchemaProbeResolver],
      pubSub: createTypedPubSub(),
    });
    const sdl = printSchemaSdl(schema);
    expect(sdl.endsWith('}\n')).toBe(true);
    expect(sdl.indexOf('scalar DateTime')).toBeLessThan(sdl.indexOf('type Query'));
    expect(sdl.indexOf('type Query')).toBeLessThan(sdl.indexOf('type SchemaProbe'));
  });
});
