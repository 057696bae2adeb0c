import { Neo4jGraphQL, type Neo4jGraphQLConstructor } from '@neo4j/graphql';
import { type GraphQLSchema } from 'graphql';

import { type GraphDb } from '../graphdb/index.js';
import { type Logger } from '../observability/index.js';

import { finishGraphApiSchema } from './finish-schema.js';
import { loadGraphTypeDefs } from './type-defs.js';

export interface BuildGraphApiSchemaOptions {
  /**
   * Runs the generated Cypher. Left out, the schema still builds (SDL emission, an embedded
   * backend) and every operation fails with BACKEND_UNAVAILABLE without contacting anything.
   */
  readonly graphDb?: Pick<GraphDb, 'driver' | 'uri'>;
  /** @default the files of schema/neo4j, via loadGraphTypeDefs() */
  readonly typeDefs?: string;
  /** Receives @neo4j/graphql's build-time notices. */
  readonly logger?: Logger;
}

/** Keeps only the current API: the deprecated aliases would about double the schema. */
const FEATURES: NonNullable<Neo4jGraphQLConstructor['features']> = {
  excludeDeprecatedFields: {
    mutationOperations: true,
    aggregationFilters: true,
    aggregationFiltersOutsideConnection: true,
    relationshipFilters: true,
    attributeFilters: true,
  },
};

/** @neo4j/graphql warns when `@authorization` has no `features.authorization`; we pass `context.jwt` instead. */
const AUTH_NOTICE = "'@authentication', '@authorization'";

/**
 * Runs `start` with that one notice routed to the logger. Schema validation runs synchronously
 * inside the `getSchema()` call, so the swap covers it and nothing else can print meanwhile.
 */
function quietAuthNotice<T>(start: () => T, logger: Logger | undefined): T {
  // eslint-disable-next-line no-console -- the library writes this notice with console.warn
  const warn = console.warn;
  // eslint-disable-next-line no-console -- restored before returning
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith(AUTH_NOTICE)) {
      logger?.debug('@neo4j/graphql: authorization comes from context.jwt');
      return;
    }
    warn(...args);
  };
  try {
    return start();
  } finally {
    // eslint-disable-next-line no-console -- see above
    console.warn = warn;
  }
}

/**
 * The generated graph API (Query: memories, entities, weaves and their connections; Mutation:
 * updateMemories) over the Neo4j store, tenant-scoped by `context.jwt` (see graphApiContext).
 * Builds in ~120 ms without contacting the database.
 */
export async function buildGraphApiSchema(options: BuildGraphApiSchemaOptions = {}): Promise<GraphQLSchema> {
  const typeDefs = options.typeDefs ?? (await loadGraphTypeDefs());
  const driver = options.graphDb?.driver;
  const library = new Neo4jGraphQL({ typeDefs, features: FEATURES, ...(driver === undefined ? {} : { driver }) });
  const schema = await quietAuthNotice(() => library.getSchema(), options.logger);
  return finishGraphApiSchema(schema, options.graphDb?.uri ?? null);
}
