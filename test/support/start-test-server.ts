import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

import { serve, type App } from '../../src/app/index.js';
import { loadConfig } from '../../src/config/index.js';
import { createSilentLogger, type Logger } from '../../src/observability/index.js';
import type { RunningServer } from '../../src/server/index.js';
import { createSeededRng } from '../../src/shared/index.js';

/** A GraphQL response as the tests read it. */
export interface GqlResponse<T> {
  readonly data?: T;
  readonly errors?: readonly { message: string; extensions?: { code?: string } }[];
}

/** A real server on a free port over a real data folder. */
export interface TestServer {
  readonly server: RunningServer;
  /** The wired application behind the server (services, and the Neo4j connection when there is one). */
  readonly app: App;
  readonly dataDir: string;
  gql<T>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GqlResponse<T>>;
  wsClient(): Client;
  /** Stops the server and starts a new one over the same data folder. */
  restart(): Promise<TestServer>;
  /** Stops the server; `removeData` also deletes the folder. */
  close(options?: { removeData?: boolean }): Promise<void>;
}

async function boot(dataDir: string, env: Record<string, string>, logger: Logger): Promise<TestServer> {
  const config = loadConfig({ HOLOLOOM_DATA_DIR: dataDir, HOLOLOOM_PORT: '0', HOLOLOOM_EMBEDDER: 'hashing', ...env });
  // A seeded sampler makes the policy's choices reproducible from run to run.
  const serving = await serve(config, { logger, rng: createSeededRng(20_26) });
  const { server } = serving;
  const clients: Client[] = [];
  const close = async ({ removeData = false } = {}): Promise<void> => {
    clients.forEach((client) => {
      void client.dispose();
    });
    await serving.close();
    if (removeData) {
      await rm(dataDir, { recursive: true, force: true });
    }
  };
  return {
    server,
    app: serving.app,
    dataDir,
    async gql<T>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GqlResponse<T>;
    },
    wsClient() {
      const client = createClient({ url: server.wsUrl, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0 });
      clients.push(client);
      return client;
    },
    async restart() {
      await close();
      return boot(dataDir, env, logger);
    },
    close,
  };
}

/** Starts a server over a fresh temporary data folder. */
export async function startTestServer(env: Record<string, string> = {}, logger: Logger = createSilentLogger()): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hololoom-e2e-'));
  return boot(dataDir, env, logger);
}
