import { mergeSchemas } from '@graphql-tools/schema';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { buildSchema, type BuildSchemaOptions } from 'type-graphql';

import { DateTimeScalar } from './date-time-scalar.js';
import { type SchemaPubSub } from './pubsub.js';
import { findSchemaCollisions } from './schema-collisions.js';

export interface BuildGraphqlSchemaOptions {
  /** type-graphql resolver classes. */
  readonly resolvers: BuildSchemaOptions['resolvers'];
  /** Backs every `@Subscription({ topics })` and is what resolvers publish to. */
  readonly pubSub: SchemaPubSub;
  /** Resolves resolver class instances (dependency injection). @default type-graphql's own `new` */
  readonly container?: BuildSchemaOptions['container'];
  /**
   * Schemas merged into the result, e.g. the @neo4j/graphql one. They may share only the root
   * types (not root fields) and DateTime; any other shared name is an error.
   */
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
    // Resolver classes name graphql-scalars' DateTime too; the merge below replaces it.
    scalarsMap: [{ type: Date, scalar: GraphQLDateTime }],
    ...(container === undefined ? {} : { container }),
  });
  const schemas = [schema, ...extraSchemas];
  const collisions = findSchemaCollisions(schemas);
  if (collisions.length > 0) {
    throw new Error(`The merged schemas both declare ${collisions.join(', ')}; rename one side.`);
  }
  if (!schemas.some((each) => each.getType('DateTime') !== undefined)) {
    return extraSchemas.length === 0 ? schema : mergeSchemas({ schemas });
  }
  // Also without extra schemas, so the served SDL prints the same DateTime either way.
  return mergeSchemas({ schemas, resolvers: { DateTime: DateTimeScalar } });
}

/** Prints the schema as SDL in a stable order, for schema/schema.graphql and its drift check. */
export function printSchemaSdl(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

/** The fields of a schema's Query and Mutation types. */
export function rootFieldNames(schema: GraphQLSchema): string[] {
  return [schema.getQueryType(), schema.getMutationType()].flatMap((type) => (type === null || type === undefined ? [] : Object.keys(type.getFields())));
}
