import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestServer, type TestServer } from '../support/start-test-server.js';

const A = { 'x-hololoom-tenant': 'acme' };
const B = { 'x-hololoom-tenant': 'globex' };
const WEAVE = 'mutation W($input: WeaveInput!) { weave(input: $input) { id tool cacheHit response } }';

interface Weave {
  id: string;
  tool: string;
  cacheHit: boolean;
  response: string;
}

describe('tenants, ids and cache invalidation over HTTP', () => {
  let t: TestServer;
  let secretId: string;

  const weave = async (input: Record<string, unknown>, headers = A) =>
    t.gql<{ weave: Weave }>(WEAVE, { input }, headers);

  beforeAll(async () => {
    t = await startTestServer();
    const stored = await t.gql<{ remember: { id: string } }>(
      'mutation { remember(input: { text: "The vault code of Acme Corporation is 4711." }) { id } }',
      {},
      A,
    );
    secretId = stored.data!.remember.id;
  });

  afterAll(async () => {
    await t.close({ removeData: true });
  });

  it("keeps one tenant's memories out of another's reach", async () => {
    const mine = await t.gql<{ recall: unknown[] }>('query { recall(query: "vault code") { score } }', {}, A);
    const theirs = await t.gql<{ recall: unknown[] }>('query { recall(query: "vault code") { score } }', {}, B);
    expect(mine.data!.recall.length).toBeGreaterThan(0);
    expect(theirs.data!.recall).toEqual([]);
    const peek = await t.gql<{ memoryRecord: unknown }>('query Q($id: ID!) { memoryRecord(id: $id) { text } }', { id: secretId }, B);
    expect(peek.data!.memoryRecord).toBeNull();
    const steal = await t.gql('mutation F($id: ID!) { forget(id: $id) }', { id: secretId }, B);
    expect(steal.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('lets tenants reuse an id but refuses a reused id within one tenant', async () => {
    expect((await weave({ query: 'What is the vault code?', id: 'st_shared' })).data?.weave.id).toBe('st_shared');
    expect((await weave({ query: 'What is the vault code?', id: 'st_shared' }, B)).data?.weave.id).toBe('st_shared');
    const again = await weave({ query: 'Something else', id: 'st_shared' });
    expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const original = await t.gql<{ spacetime: { query: string } }>('query { spacetime(id: "st_shared") { query } }', {}, A);
    expect(original.data!.spacetime.query).toBe('What is the vault code?');
  });

  it('answers a malformed tenant header with 400 and BAD_USER_INPUT', async () => {
    const response = await fetch(t.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hololoom-tenant': 'no spaces allowed' },
      body: JSON.stringify({ query: '{ health { status } }' }),
    });
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(response.status).toBe(400);
    expect(body.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('misses the cache after a forget and after clearCache, and never caches a NOTE', async () => {
    const query = { query: 'Which company has a vault code?' };
    expect((await weave(query)).data!.weave.cacheHit).toBe(false);
    expect((await weave(query)).data!.weave.cacheHit).toBe(true);
    const temp = await t.gql<{ remember: { id: string } }>('mutation { remember(input: { text: "Temporary note." }) { id } }', {}, A);
    expect((await weave(query)).data!.weave.cacheHit).toBe(false);
    await t.gql('mutation F($id: ID!) { forget(id: $id) }', { id: temp.data!.remember.id }, A);
    expect((await weave(query)).data!.weave.cacheHit).toBe(false);
    expect((await weave(query)).data!.weave.cacheHit).toBe(true);
    await t.gql('mutation { clearCache }', {}, A);
    expect((await weave(query)).data!.weave.cacheHit).toBe(false);
    const note = { query: 'Remember that the cafeteria opens at nine.' };
    expect((await weave(note)).data!.weave.tool).toBe('NOTE');
    expect((await weave(note)).data!.weave.cacheHit).toBe(false);
  });

  it('refuses an operation that fans out into more than 20 top-level fields', async () => {
    const fields = (n: number) => Array.from({ length: n }, (_, i) => `r${i}: recall(query: "vault", k: 1) { score }`).join(' ');
    expect((await t.gql(`{ ${fields(20)} }`, {}, A)).errors).toBeUndefined();
    const tooMany = await t.gql(`{ ${fields(21)} }`, {}, A);
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(tooMany.errors?.[0]?.message).toContain('21 top-level fields');
  });
});
