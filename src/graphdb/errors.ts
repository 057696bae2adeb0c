import { isRetryableError, Neo4jError } from 'neo4j-driver';

import { AppError } from '../shared/index.js';

/**
 * Driver codes that mean "the server is not there" rather than "the query is wrong". A
 * ProtocolError is what a request gets when the server goes away in the middle of its reply.
 */
const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired', 'ProtocolError']);

/**
 * What the driver's pool says when a server accepts the connection but never answers the Bolt
 * handshake (frozen, overloaded, or not Neo4j at all). That error carries no code ('N/A'), so
 * its message is the only way to tell it from a query's own failure.
 */
const ACQUISITION_TIMEOUT = 'Connection acquisition timed out';

function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Neo4jError)) {
    return false;
  }
  // A retryable error that is not a transaction conflict: connection lost, leader gone, restart.
  return (
    UNAVAILABLE_CODES.has(error.code) ||
    error.message.startsWith(ACQUISITION_TIMEOUT) ||
    (isRetryableError(error) && !error.code.includes('Transaction'))
  );
}

/**
 * Turns driver failures into the server's error vocabulary: an unreachable or restarting Neo4j
 * becomes BACKEND_UNAVAILABLE (clients may retry), anything else stays as it was.
 */
export function toGraphDbError(error: unknown, uri: string): unknown {
  if (error instanceof AppError || !isUnavailable(error)) {
    return error;
  }
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return new AppError('BACKEND_UNAVAILABLE', `Neo4j at ${uri} does not answer (${reason}); retry once it is back.`, {
    cause: error,
    details: { backend: 'neo4j' },
  });
}
