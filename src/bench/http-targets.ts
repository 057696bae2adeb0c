import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { serve } from '../app/index.js';
import { loadConfig } from '../config/index.js';
import { createSilentLogger } from '../observability/index.js';

import { BARE_READY_MESSAGE, startBareServer } from './bare-server.js';
import { processCpuSeconds, processRssMb, spawnServer } from './server-process.js';
import { HOLOLOOM_READY_MESSAGE } from './startup-bench.js';

/** A server the HTTP bench loads. */
export interface HttpTarget {
  /** The GraphQL endpoint. */
  readonly url: string;
  /** The serving process's RSS; null where it cannot be read. */
  rssMb(): Promise<number | null>;
  /** CPU seconds the serving process has used so far; null where it cannot be read. */
  cpuSeconds(): Promise<number | null>;
  /** Stops the server and removes its data folder. */
  close(): Promise<void>;
}

/** Starts the two servers the HTTP bench compares. */
export interface HttpTargets {
  /** HoloLoom over a fresh data folder; `env` adds HOLOLOOM_* settings (embedder, backend). */
  holoLoom(env: Readonly<Record<string, string>>): Promise<HttpTarget>;
  /** Apollo + express with a one-field schema. */
  bare(): Promise<HttpTarget>;
}

/** Settings every HoloLoom under load gets: a free port, and no rate limit (it would turn load into 429s). */
const serverEnv = (dataDir: string): Record<string, string> => ({ HOLOLOOM_PORT: '0', HOLOLOOM_DATA_DIR: dataDir, HOLOLOOM_RATE_LIMIT: '0' });

export interface ChildEntries {
  /** The built server, dist/src/main.js. */
  readonly holoLoom: string;
  /** The built bare server, dist/src/bench/bare-server-main.js. */
  readonly bare: string;
}

/**
 * Both servers run as they would be deployed: NODE_ENV=production turns off graphql-js's
 * development checks (its `instanceOf` looks for duplicate module copies on every miss),
 * introspection, the landing page and stack traces in errors. Measured here: +7% req/s for a
 * cached weave, +3% for the bare server.
 */
const PRODUCTION: Readonly<Record<string, string>> = { NODE_ENV: 'production' };

/**
 * Each server in a child process of its own: the load generator (this process) and the server
 * then run on different cores instead of taking turns on one event loop.
 */
export function childProcessTargets(entries: ChildEntries): HttpTargets {
  return {
    async holoLoom(env) {
      const dataDir = await mkdtemp(join(tmpdir(), 'hololoom-http-bench-'));
      try {
        // info: the ready line carries the url; the server logs nothing per request.
        const server = await spawnServer(entries.holoLoom, { ...env, ...serverEnv(dataDir), ...PRODUCTION, HOLOLOOM_LOG_LEVEL: 'info' }, HOLOLOOM_READY_MESSAGE);
        return {
          url: server.url,
          rssMb: () => processRssMb(server.pid),
          cpuSeconds: () => processCpuSeconds(server.pid),
          close: async () => {
            await server.stop();
            await rm(dataDir, { recursive: true, force: true });
          },
        };
      } catch (error) {
        await rm(dataDir, { recursive: true, force: true });
        throw error;
      }
    },
    async bare() {
      const server = await spawnServer(entries.bare, PRODUCTION, BARE_READY_MESSAGE);
      return { url: server.url, rssMb: () => processRssMb(server.pid), cpuSeconds: () => processCpuSeconds(server.pid), close: () => server.stop() };
    },
  };
}

const ownRssMb = (): Promise<number> => Promise.resolve(process.memoryUsage().rss / 1_048_576);
/** This process's CPU time: while the bench waits, that is the in-process server's work. */
const ownCpuSeconds = (): Promise<number> => {
  const { user, system } = process.cpuUsage();
  return Promise.resolve((user + system) / 1e6);
};

/**
 * Both servers inside this process: no build needed (the end-to-end test uses it), but server
 * and load generator share one event loop, so the figures are lower than `childProcessTargets`'.
 */
export function inProcessTargets(): HttpTargets {
  return {
    async holoLoom(env) {
      const dataDir = await mkdtemp(join(tmpdir(), 'hololoom-http-bench-'));
      const serving = await serve(loadConfig({ ...env, ...serverEnv(dataDir) }), { logger: createSilentLogger() }).catch(async (error: unknown) => {
        await rm(dataDir, { recursive: true, force: true });
        throw error;
      });
      return {
        url: serving.server.url,
        rssMb: ownRssMb,
        cpuSeconds: ownCpuSeconds,
        close: async () => {
          await serving.close();
          await rm(dataDir, { recursive: true, force: true });
        },
      };
    },
    async bare() {
      const server = await startBareServer();
      return { url: server.url, rssMb: ownRssMb, cpuSeconds: ownCpuSeconds, close: () => server.close() };
    },
  };
}
