import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestServer, type TestServer } from '../support/start-test-server.js';

describe('per-tenant rate limit', () => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer({ HOLOLOOM_RATE_LIMIT: '3' });
  });

  afterAll(async () => {
    await t.close({ removeData: true });
  });

  it('answers past the budget with 429 and RATE_LIMITED, and spares other tenants', async () => {
    const post = (tenant: string) =>
      fetch(t.server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hololoom-tenant': tenant },
        body: JSON.stringify({ query: '{ health { status } }' }),
      });
    const responses = await Promise.all(Array.from({ length: 6 }, () => post('busy')));
    const limited = responses.filter((response) => response.status === 429);
    expect(responses.filter((response) => response.status === 200)).toHaveLength(3);
    expect(limited).toHaveLength(3);
    const body = (await limited[0]!.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('RATE_LIMITED');
    expect(body.errors[0]!.message).toMatch(/retry in \d+ ms/);
    expect((await post('quiet')).status).toBe(200);
  });
});
