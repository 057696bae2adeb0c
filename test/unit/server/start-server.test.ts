import { type GraphQLSchema } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

import { createContextFactory, createDepthLimitRule } from '../../../src/graphql/index.js';
import { createSilentLogger } from '../../../src/observability/index.js';
import { startServer, type Readiness, type RunningServer } from '../../../src/server/index.js';
import { buildProbeSchema, type ProbeContext } from './probe-schema.js';

const MAX_BODY_BYTES = 4_096;

const createContext = createContextFactory<ProbeContext>((request) => ({
  transport: request.kind,
  user: request.headers['x-user'],
}));

interface GqlBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

function start(
  schema: GraphQLSchema,
  options: { production?: boolean; readiness?: () => Promise<Readiness> } = {},
) {
  return startServer({
    schema,
    createContext,
    host: '127.0.0.1',
    port: 0,
    logger: createSilentLogger(),
    production: options.production ?? false,
    readiness: options.readiness ?? (() => Promise.resolve({ ready: true, failing: [] })),
    maxBodyBytes: MAX_BODY_BYTES,
    validationRules: [createDepthLimitRule(2)],
  });
}

async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: GqlBody }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as GqlBody };
}

function wsClient(server: RunningServer, connectionParams?: Record<string, unknown>): Client {
  return createClient({
    url: server.wsUrl,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    ...(connectionParams ? { connectionParams } : {}),
  });
}

describe('startServer', () => {
  let probe: Awaited<ReturnType<typeof buildProbeSchema>>;
  let server: RunningServer;
  let readiness: Readiness = { ready: true, failing: [] };
  const clients: Client[] = [];

  beforeAll(async () => {
    probe = await buildProbeSchema();
    server = await start(probe.schema, { readiness: () => Promise.resolve(readiness) });
  });

  afterAll(async () => {
    await Promise.all(
      clients.map(async (client) => {
        await client.dispose();
      }),
    );
    await server.close();
  });

  function client(connectionParams?: Record<string, unknown>): Client {
    const created = wsClient(server, connectionParams);
    clients.push(created);
    return created;
  }

  it('listens on a free port and reports its URLs', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/graphql`);
    expect(server.wsUrl).toBe(`ws://127.0.0.1:${server.port}/graphql`);
  });

  it('answers GET /healthz with 200 ok', async () => {
    const response = await fetch(`${server.origin}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers GET /readyz with 200 when ready and 503 naming the failing backend when not', async () => {
    readiness = { ready: true, failing: [] };
    const ready = await fetch(`${server.origin}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });

    readiness = { ready: false, failing: ['neo4j'] };
    const unavailable = await fetch(`${server.origin}/readyz`);
    expect(unavailable.status).toBe(503);
    expect(await unavailable.json()).toEqual({ status: 'unavailable', failing: ['neo4j'] });
    readiness = { ready: true, failing: [] };
  });

  it('runs a query over HTTP, serialising DateTime as ISO text', async () => {
    const { status, body } = await post(server.url, {
      query: '{ probe(id: "p-1") { id text createdAt } }',
    });
    expect(status).toBe(200);
    expect(body).toEqual({
      data: { probe: { id: 'p-1', text: 'first', createdAt: '2026-01-02T03:04:05.000Z' } },
    });
  });

  it('allows any origin: a preflight gets the CORS headers, and so does the request after it', async () => {
    const preflight = await fetch(server.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type');
    const answer = await fetch(server.url, {
      method: 'POST',
      headers: { origin: 'https://app.example', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ probe(id: "p-1") { id } }' }),
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('turns an AppError into extensions.code over HTTP', async () => {
    const { body } = await post(server.url, { query: '{ probe(id: "missing") { id } }' });
    expect(body.errors?.[0]?.message).toBe('No probe with id "missing" exists.');
    expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('applies the validation rules over HTTP', async () => {
    const { status, body } = await post(server.url, {
      query: '{ probe(id: "p-1") { child { child { id } } } }',
    });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('builds the context from request headers over HTTP', async () => {
    const { body } = await post(server.url, { query: '{ whoami }' }, { 'x-user': 'alice' });
    expect(body.data).toEqual({ whoami: 'http:alice' });
  });

  it('delivers a published event to a graphql-ws subscriber', async () => {
    const events = client().iterate({ query: 'subscription { probeAdded { id text } }' });
    const subscribed = probe.nextSubscriber();
    const first = events.next();
    await subscribed;
    await post(server.url, { query: 'mutation { addProbe(text: "hello") { id } }' });
    expect((await first).value).toEqual({ data: { probeAdded: { id: 'p-hello', text: 'hello' } } });
    await events.return?.();
  });

  it('builds the context from connection params and formats errors the same way over WebSocket', async () => {
    const ws = client({ 'X-User': 'bob' });
    const whoami = await ws.iterate({ query: '{ whoami }' }).next();
    expect(whoami.value).toEqual({ data: { whoami: 'ws:bob' } });
    const missing = await ws.iterate({ query: '{ probe(id: "missing") { id } }' }).next();
    expect(missing.value).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
  });

  it('rejects invalid and too deep operations over WebSocket with codes, keeping the socket open', async () => {
    const ws = client();
    await expect(ws.iterate({ query: 'subscription { nope }' }).next()).rejects.toEqual([
      expect.objectContaining({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
    ]);
    await expect(
      ws.iterate({ query: '{ probe(id: "p-1") { child { child { id } } } }' }).next(),
    ).rejects.toEqual([
      expect.objectContaining({
        extensions: { code: 'BAD_USER_INPUT', details: { depth: 4, maxDepth: 2 } },
      }),
    ]);
    await expect(ws.iterate({ query: '{ probe(' }).next()).rejects.toEqual([
      expect.objectContaining({ extensions: { code: 'GRAPHQL_PARSE_FAILED' } }),
    ]);
    expect((await ws.iterate({ query: '{ whoami }' }).next()).value).toEqual({
      data: { whoami: 'ws:anonymous' },
    });
  });

  it('answers an oversize body with 413 and a coded GraphQL error', async () => {
    const { status, body } = await post(server.url, {
      query: `{ whoami } # ${'x'.repeat(MAX_BODY_BYTES)}`,
    });
    expect(status).toBe(413);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toContain(`${MAX_BODY_BYTES} bytes`);
  });

  it('redirects GET / to the Sandbox at /graphql outside production', async () => {
    const response = await fetch(`${server.origin}/`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/graphql');
  });
});

describe('startServer in production', () => {
  it('turns off introspection and the root redirect', async () => {
    const { schema } = await buildProbeSchema();
    const server = await start(schema, { production: true });
    try {
      const { body } = await post(server.url, { query: '{ __schema { queryType { name } } }' });
      expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      const root = await fetch(`${server.origin}/`, { redirect: 'manual' });
      expect(root.status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

describe('RunningServer.close', () => {
  it('closes open WebSockets, stops listening, and is harmless to call twice', async () => {
    const probe = await buildProbeSchema();
    const server = await start(probe.schema);
    const ws = wsClient(server);
    const closed = new Promise<number>((resolve) => {
      ws.on('closed', (event) => {
        resolve((event as { code: number }).code);
      });
    });
    const subscribed = probe.nextSubscriber();
    const events = ws.iterate({ query: 'subscription { probeAdded { id } }' });
    void events.next().catch(() => undefined);
    await subscribed;

    await server.close();
    await server.close();

    expect(await closed).toBe(1001);
    await expect(fetch(`${server.origin}/healthz`)).rejects.toThrow();
    await ws.dispose();
  });
});
