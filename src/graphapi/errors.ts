import { toGraphDbError } from '../graphdb/index.js';
import { AppError, type ErrorCode } from '../shared/index.js';

/** @neo4j/graphql's error classes are not exported; their fixed `name`s identify them. */
const CODES_BY_NAME: ReadonlyMap<string, ErrorCode> = new Map([
  ['Neo4jGraphQLAuthenticationError', 'UNAUTHENTICATED'],
  ['Neo4jGraphQLForbiddenError', 'FORBIDDEN'],
]);

/**
 * Gives generated-API failures the server's codes: authorization failures become
 * UNAUTHENTICATED/FORBIDDEN and an unreachable Neo4j BACKEND_UNAVAILABLE (as in the typed API),
 * instead of all of them being masked as internal errors.
 */
export function toGraphApiError(error: unknown, uri: string): unknown {
  const code = error instanceof Error ? CODES_BY_NAME.get(error.name) : undefined;
  if (code !== undefined && error instanceof Error) {
    return new AppError(code, error.message, { cause: error });
  }
  return toGraphDbError(error, uri);
}

/** What every operation answers when the server runs without Neo4j (HOLOLOOM_BACKEND=embedded). */
export function noGraphDatabaseError(): AppError {
  return new AppError(
    'BACKEND_UNAVAILABLE',
    'The graph API (memories, entities, weaves, updateMemories) needs HOLOLOOM_BACKEND=neo4j; this server keeps its memories elsewhere.',
    { details: { backend: 'neo4j' } },
  );
}
