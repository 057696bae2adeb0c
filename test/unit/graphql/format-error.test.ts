import { describe, expect, it, vi } from 'vitest';

import { createSilentLogger } from '../../../src/observability/index.js';
import { createErrorProbeServer, errorsOf } from './error-probe-server.js';

function probe(production: boolean) {
  const logger = createSilentLogger();
  const logError = vi.spyOn(logger, 'error');
  return { server: createErrorProbeServer({ production, logger }), logError };
}

describe('createFormatError', () => {
  it('turns an AppError into its code, keeping the message and details', async () => {
    const { server } = probe(false);
    const [error] = await errorsOf(server, '{ missing }');
    expect(error?.message).toBe('No memory with id "m-42" exists.');
    expect(error?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      details: { kind: 'memory', id: 'm-42' },
    });
  });

  it('omits details when an AppError has none', async () => {
    const { server } = probe(true);
    const [error] = await errorsOf(server, '{ invalid }');
    expect(error?.extensions).toEqual({ code: 'BAD_USER_INPUT' });
  });

  it('keeps the codes Apollo gives to parse, validation and variable errors', async () => {
    const { server, logError } = probe(true);
    const [parse] = await errorsOf(server, '{ missing');
    const [validation] = await errorsOf(server, '{ nope }');
    const [coercion] = await errorsOf(server, 'query ($n: Int!) { echo(n: $n) }', { n: 'x' });
    expect(parse?.extensions?.['code']).toBe('GRAPHQL_PARSE_FAILED');
    expect(validation?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(validation?.message).toContain('Cannot query field "nope"');
    expect(coercion?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(logError).not.toHaveBeenCalled();
  });

  it('masks unknown errors in production and logs them with their stack', async () => {
    const { server, logError } = probe(true);
    const [error] = await errorsOf(server, '{ crash }');
    expect(error?.message).toBe('Internal server error');
    expect(error?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(error?.path).toEqual(['crash']);
    const [fields] = logError.mock.calls[0] as [{ err: Error }];
    expect(fields.err).toBeInstanceOf(TypeError);
    expect(fields.err.stack).toContain('postgres://secret');
  });

  it('masks an AppError coded INTERNAL_SERVER_ERROR in production, since its message may be internal', async () => {
    const { server, logError } = probe(true);
    const [error] = await errorsOf(server, '{ wrappedCrash }');
    expect(error?.message).toBe('Internal server error');
    expect(logError).toHaveBeenCalledOnce();
  });

  it('never sends a stack trace in production', async () => {
    const { server } = probe(true);
    const errors = await Promise.all(
      ['{ missing }', '{ crash }', '{ nope }'].map((query) => errorsOf(server, query)),
    );
    for (const error of errors.flat()) {
      expect(error.extensions).not.toHaveProperty('stacktrace');
    }
  });

  it('shows the real message and stack trace of unknown errors outside production', async () => {
    const { server } = probe(false);
    const [error] = await errorsOf(server, '{ crash }');
    expect(error?.message).toBe('connection string postgres://secret leaked');
    expect(error?.extensions?.['code']).toBe('INTERNAL_SERVER_ERROR');
    expect(error?.extensions?.['stacktrace']).toEqual(
      expect.arrayContaining([expect.stringContaining('TypeError')]),
    );
  });
});
