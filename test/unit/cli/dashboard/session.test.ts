import { afterEach, describe, expect, it, vi } from 'vitest';

import { printOnce } from '../../../../src/cli/dashboard/index.js';
import type { DashboardModel } from '../../../../src/cli/dashboard/model.js';
import { startSession, type DashboardSession } from '../../../../src/cli/dashboard/session.js';
import { SNAPSHOT } from './fixture.js';
import { startStubMetricsServer, type StubServer } from './stub-metrics-server.js';

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  vi.restoreAllMocks();
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

async function stub(weaves: number, port?: number): Promise<StubServer> {
  const server = await startStubMetricsServer({ ...SNAPSHOT, weaves }, port);
  cleanups.push(() => server.close());
  return server;
}

function watch(url: string): { session: DashboardSession; states: string[]; latest: () => DashboardModel } {
  const states: string[] = [];
  const session = startSession({
    url,
    intervalMs: 100,
    retry: true,
    onChange: (model) => {
      if (states.at(-1) !== model.state.kind) {
        states.push(model.state.kind);
      }
    },
  });
  cleanups.push(() => session.dispose());
  return { session, states, latest: () => session.model() };
}

/** A port nothing listens on: bound and released by a stub. */
async function deadPort(): Promise<number> {
  const server = await startStubMetricsServer(SNAPSHOT);
  await server.close();
  return server.port;
}

describe('dashboard session over graphql-ws', () => {
  it('goes live, follows snapshots, and reconnects and resubscribes after a restart', { timeout: 15_000 }, async () => {
    const first = await stub(42);
    const { states, latest } = watch(first.url);
    await vi.waitFor(() => {
      expect(latest().state.kind).toBe('live');
      expect(latest().snapshot?.weaves).toBe(42);
    });
    await first.close();
    await vi.waitFor(() => {
      expect(latest().state.kind).toBe('reconnecting');
    });
    await stub(43, first.port);
    await vi.waitFor(
      () => {
        expect(latest().state.kind).toBe('live');
        expect(latest().snapshot?.weaves).toBe(43);
      },
      { timeout: 10_000 },
    );
    expect(states.slice(0, 2)).toEqual(['connecting', 'live']);
    expect(states).toContain('reconnecting');
    expect(latest().qpsHistory.length).toBeGreaterThan(1);
  });

  it('keeps retrying a server that is not there, with a countdown', { timeout: 10_000 }, async () => {
    const port = await deadPort();
    const { latest } = watch(`ws://127.0.0.1:${port.toString()}/graphql`);
    await vi.waitFor(() => {
      const { state } = latest();
      expect(state.kind === 'reconnecting' && state.retryAt !== null).toBe(true);
      expect(state.kind === 'reconnecting' ? state.reason : null).toMatch(/ECONNREFUSED/);
    });
    expect(latest().everLive).toBe(false);
  });
});

describe('dashboard --tenant', () => {
  it('sends the tenant header on the upgrade request', async () => {
    const server = await stub(42);
    await expect(printOnce({ url: server.url, intervalMs: 100, tenant: 'acme' }, { columns: 100, write: () => true } as unknown as NodeJS.WriteStream)).resolves.toBe(0);
    expect(server.upgrades.map((headers) => headers['x-hololoom-tenant'])).toEqual(['acme']);
  });
});

describe('dashboard --once', () => {
  it('prints one frame after the first snapshot', async () => {
    const server = await stub(42);
    const written: string[] = [];
    const stdout = { columns: 100, write: (chunk: string) => written.push(chunk) } as unknown as NodeJS.WriteStream;
    await expect(printOnce({ url: server.url, intervalMs: 100 }, stdout)).resolves.toBe(0);
    expect(written.join('')).toContain('weaves 42');
    expect(written.join('')).toContain('● live');
  });

  it('exits 1 with a hint when the server is not running', async () => {
    const port = await deadPort();
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const url = `ws://127.0.0.1:${port.toString()}/graphql`;
    await expect(printOnce({ url, intervalMs: 100 })).resolves.toBe(1);
    expect(stderr).toHaveBeenCalledWith(expect.stringContaining(`cannot reach ${url}: is \`npm start\` running?`));
  });
});
