import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { capturingLogger } from '../support/capturing-logger.js';
import { canStartNeo4jInstances, removeNeo4jInstance, startNeo4jInstance, stopNeo4jInstance } from '../support/neo4j-instance.js';
import { startTestServer, type GqlResponse, type TestServer } from '../support/start-test-server.js';
import type { Neo4jConnection } from '../support/neo4j-global-setup.js';

/** Its own server (not the shared one): this suite stops and restarts it. */
const INSTANCE = 'outage-e2e';
const TENANT = { 'x-hololoom-tenant': 'outage' };
const RECALL = '{ recall(query: "lighthouse keeper", k: 3) { memory { text } } }';

const runnable = inject('neo4j') !== null && canStartNeo4jInstances();

const codeOf = (response: GqlResponse<unknown>): string | undefined => response.errors?.[0]?.extensions?.code;

async function readyz(t: TestServer): Promise<{ status: number; body: { failing?: string[] } }> {
  const response = await fetch(t.server.url.replace(/\/graphql$/, '/readyz'));
  return { status: response.status, body: (await response.json()) as { failing?: string[] } };
}

/** Polls /readyz until it answers 200; the driver reconnects on its own once Neo4j listens again. */
async function waitUntilReady(t: TestServer, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await readyz(t)).status !== 200) {
    if (Date.now() > deadline) {
      throw new Error('the server did not become ready after Neo4j came back');
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe.runIf(runnable)('the server when Neo4j is down at start, goes away while serving, and comes back', () => {
  let neo4j: Neo4jConnection;
  let t: TestServer;
  const { logger, waitFor } = capturingLogger('info');

  beforeAll(async () => {
    // Start once to learn the port and password, then stop: the server below starts against a dead address.
    neo4j = await startNeo4jInstance(INSTANCE);
    await stopNeo4jInstance(INSTANCE);
    const { uri, user, password } = neo4j;
    t = await startTestServer({ HOLOLOOM_BACKEND: 'neo4j', NEO4J_URI: uri, NEO4J_USER: user, NEO4J_PASSWORD: password }, logger);
  });

  afterAll(async () => {
    await t.close({ removeData: true });
    await removeNeo4jInstance(INSTANCE);
  });

  it('starts anyway, says Neo4j does not answer, reports 503 and fails requests with BACKEND_UNAVAILABLE', async () => {
    const ready = await readyz(t);
    const remember = await t.gql('mutation { remember(input: { text: "x" }) { id } }', {}, TENANT);

    expect(ready).toEqual({ status: 503, body: { status: 'unavailable', failing: ['neo4j'] } });
    expect(codeOf(remember)).toBe('BACKEND_UNAVAILABLE');
    expect(remember.errors?.[0]?.message).toContain(neo4j.uri);
    // The start-up probe reports on its own schedule; it must say so, not merely fail quietly.
    await expect(waitFor('neo4j does not answer')).resolves.toBeUndefined();
  });

  it('serves once Neo4j is up, creating its schema then', async () => {
    await startNeo4jInstance(INSTANCE, { keepData: true });
    await waitUntilReady(t);

    const stored = await t.gql('mutation { remember(input: { text: "The lighthouse keeper lit the lamp at dusk." }) { id } }', {}, TENANT);
    const woven = await t.gql<{ weave: { errorCode: string | null } }>('mutation { weave(input: { query: "Who lit the lamp?" }) { errorCode } }', {}, TENANT);

    expect(stored.errors).toBeUndefined();
    expect(woven.data?.weave.errorCode).toBeNull();
  });

  it('fails requests in flight with BACKEND_UNAVAILABLE when Neo4j stops, and recovers without a restart', async () => {
    const inFlight = Array.from({ length: 20 }, () => t.gql(RECALL, {}, TENANT));
    await stopNeo4jInstance(INSTANCE);
    const settled = await Promise.all(inFlight);
    const during = await t.gql(RECALL, {}, TENANT);
    const whileDown = await readyz(t);

    // Each request either finished before the stop or failed with the retryable code: nothing else.
    const unexpected = settled.filter((response) => ![undefined, 'BACKEND_UNAVAILABLE'].includes(codeOf(response))).map((response) => response.errors);
    expect(unexpected).toEqual([]);
    expect(codeOf(during)).toBe('BACKEND_UNAVAILABLE');
    expect(whileDown.status).toBe(503);

    await startNeo4jInstance(INSTANCE, { keepData: true });
    await waitUntilReady(t);
    const typed = await t.gql<{ recall: { memory: { text: string } }[] }>(RECALL, {}, TENANT);
    const generated = await t.gql<{ memories: { text: string }[] }>('{ memories { text } }', {}, TENANT);

    expect(typed.data?.recall[0]?.memory.text).toBe('The lighthouse keeper lit the lamp at dusk.');
    expect(generated.data?.memories).toEqual([{ text: 'The lighthouse keeper lit the lamp at dusk.' }]);
  });
});
