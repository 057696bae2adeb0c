import { mergeSchemas } from '@graphql-tools/schema';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { buildSchema, type BuildSchemaOptions } from 'type-graphql';

import { type SchemaPubSub } from './pubsub.js';

export interface BuildGraphqlSchemaOptions {
  /** type-graphql resolver classes. */
  readonly resolvers: BuildSchemaOptions['resolvers'];
  /** Backs every `@Subscription({ topics })` and is what resolvers publish to. */
  readonly pubSub: SchemaPubSub;
  /** Resolves resolver class instances (dependency injection). @default type-graphql's own `new` */
  readonly container?: BuildSchemaOptions['container'];
  /** Schemas merged into the result, e.g. the @neo4j/graphql one; same-named types are unioned. */
  readonly extraSchemas?: readonly GraphQLSchema[];
}

/** Builds the executable schema from resolver classes, then merges any extra schemas in. */
export async function buildGraphqlSchema({
  resolvers,
  pubSub,
  container,
  extraSchemas = [],
}: BuildGraphqlSchemaOptions): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    pubSub,
    // Input checks live in the services; class-validator is not installed.
    validate: false,
    // The API calls its timestamp scalar DateTime (type-graphql's default would be DateTimeISO).
    scalarsMap: [{ type: Date, scalar: GraphQLDateTime }],
    ...(container === undefined ? {} : { container }),
  });
  if (extraSchemas.length === 0) {
    return schema;
  }
  return mergeSchemas({ schemas: [schema, ...extraSchemas] });
}

/** Prints the schema as SDL in a stable order, for schema/schema.graphql and its drift check. */
export function printSchemaSdl(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
