import { Neo4jError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';

import { graphApiContext, toGraphApiError } from '../../../src/graphapi/index.js';
import { AppError } from '../../../src/shared/index.js';

/** Stands in for @neo4j/graphql's unexported error classes, which differ only by name. */
function libraryError(name: string, message: string): Error {
  const error = new Error(message);
  Object.defineProperty(error, 'name', { value: name });
  return error;
}

describe('toGraphApiError', () => {
  it('gives authorization failures the server codes', () => {
    const forbidden = toGraphApiError(libraryError('Neo4jGraphQLForbiddenError', 'Forbidden'), 'bolt://x');
    const unauthenticated = toGraphApiError(libraryError('Neo4jGraphQLAuthenticationError', 'Unauthenticated'), 'bolt://x');
    expect(forbidden).toBeInstanceOf(AppError);
    expect((forbidden as AppError).code).toBe('FORBIDDEN');
    expect((unauthenticated as AppError).code).toBe('UNAUTHENTICATED');
  });

  it('turns an unreachable Neo4j into BACKEND_UNAVAILABLE', () => {
    const mapped = toGraphApiError(new Neo4jError('connection refused', 'ServiceUnavailable', '08000', 'connection exception'), 'bolt://db:7687');
    expect((mapped as AppError).code).toBe('BACKEND_UNAVAILABLE');
    expect((mapped as AppError).message).toContain('bolt://db:7687');
  });

  it('turns a server that accepts connections but never answers into BACKEND_UNAVAILABLE', () => {
    // What the driver's pool reports (code 'N/A') when the Bolt handshake gets no reply.
    const timeout = new Neo4jError('Connection acquisition timed out in 6000 ms. Pool status: Active conn count = 0, Idle conn count = 0.', 'N/A', '50N42', 'error');
    const restarting = new Neo4jError('database unavailable', 'Neo.TransientError.General.DatabaseUnavailable', '50N42', 'error');
    expect((toGraphApiError(timeout, 'bolt://db:7687') as AppError).code).toBe('BACKEND_UNAVAILABLE');
    expect((toGraphApiError(restarting, 'bolt://db:7687') as AppError).code).toBe('BACKEND_UNAVAILABLE');
  });

  it('keeps constraint violations, conflicts and other query errors as they were', () => {
    for (const code of [
      'Neo.ClientError.Schema.ConstraintValidationFailed',
      'Neo.ClientError.Statement.SyntaxError',
      'Neo.ClientError.Statement.ArgumentError',
      'Neo.TransientError.Transaction.DeadlockDetected',
      'Neo.ClientError.Security.Unauthorized',
    ]) {
      const error = new Neo4jError('query failed', code, '50N42', 'error');
      expect(toGraphApiError(error, 'bolt://x')).toBe(error);
    }
  });

  it('leaves anything else as it was', () => {
    const error = new Error('boom');
    expect(toGraphApiError(error, 'bolt://x')).toBe(error);
  });
});

describe('graphApiContext', () => {
  it('carries the tenant as the trusted JWT, and the database when one is named', () => {
    expect(graphApiContext('acme')).toEqual({ jwt: { tenant: 'acme' } });
    expect(graphApiContext('acme', 'memories')).toEqual({ jwt: { tenant: 'acme' }, sessionConfig: { database: 'memories' } });
  });

  it('refuses an empty tenant', () => {
    expect(() => graphApiContext('')).toThrow(/tenant/);
  });
});
