import { createServer } from 'node:net';
import { type AddressInfo } from 'node:net';
import { stripVTControlCharacters } from 'node:util';

import { render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { mountDashboard, printOnce, type MountedDashboard } from '../../src/cli/dashboard/index.js';
import { startTestServer, type TestServer } from '../support/start-test-server.js';

/**
 * `hololoom dashboard` against a real server: the dashboard's own connection, session and
 * components, drawn by ink-testing-library instead of a terminal. A pseudo-terminal around the
 * built CLI would add node-pty (a native build) and ANSI screen parsing for no more coverage: the
 * only code it would add is ink's own terminal output. `printOnce` covers the `--once` path.
 */

const WEAVE = 'mutation W($input: WeaveInput!) { weave(input: $input) { id tool } }';
const QUESTIONS = ['What is 17 * 23?', 'Where does Alice Johnson work?', 'What is connected to Paris?'];
const WAIT = { timeout: 15_000, interval: 50 } as const;

/** The server restarts on the same port, so the dashboard's URL stays valid across it. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function weavesIn(frame: string): number {
  const match = /weaves (\d+), errors/.exec(frame);
  return match === null ? -1 : Number(match[1]);
}

describe('hololoom dashboard against a running server', () => {
  let t: TestServer;
  let dashboard: MountedDashboard<ReturnType<typeof render>> | undefined;

  async function weave(query: string): Promise<void> {
    const result = await t.gql<{ weave: { id: string } }>(WEAVE, { input: { query } });
    expect(result.errors).toBeUndefined();
  }

  beforeAll(async () => {
    t = await startTestServer({ HOLOLOOM_PORT: (await freePort()).toString() });
    await t.gql('mutation R($inputs: [RememberInput!]!) { rememberMany(inputs: $inputs) { id } }', {
      inputs: [{ text: 'Alice Johnson works at Acme Corporation in Berlin.' }, { text: 'The Seine river flows through Paris.' }],
    });
    for (const question of QUESTIONS) {
      await weave(question);
    }
  });

  afterAll(async () => {
    await dashboard?.close();
    await t.close({ removeData: true });
  });

  it('prints one frame with --once', async () => {
    const written: string[] = [];
    const stdout = { columns: 100, write: (chunk: string) => written.push(chunk) } as unknown as NodeJS.WriteStream;
    await expect(printOnce({ url: t.server.wsUrl, intervalMs: 200 }, stdout)).resolves.toBe(0);
    const frame = stripVTControlCharacters(written.join(''));
    expect(weavesIn(frame)).toBeGreaterThanOrEqual(QUESTIONS.length);
    expect(frame).toContain('CPU');
  });

  it('goes live, follows the weaves, and reconnects by itself when the server restarts', async () => {
    const url = t.server.wsUrl;
    const mounted = mountDashboard({ url, intervalMs: 200 }, render);
    dashboard = mounted;
    const frame = (): string => stripVTControlCharacters(mounted.mounted.lastFrame() ?? '');

    await vi.waitFor(() => {
      expect(frame()).toContain('● live');
      expect(weavesIn(frame())).toBeGreaterThanOrEqual(QUESTIONS.length);
    }, WAIT);
    expect(frame()).toContain(url);
    expect(frame()).toMatch(/all\s+p50\s+\S+ ms/);
    expect(frame()).toContain('CALC');
    expect(frame()).toMatch(/CPU\s+\d+\.\d%/);
    const before = weavesIn(frame());
    const framesBefore = mounted.mounted.frames.length;

    t = await t.restart();
    expect(t.server.wsUrl).toBe(url);
    await weave('What is 6 * 7?');
    await weave('What is 2 + 2?');

    await vi.waitFor(() => {
      const since = mounted.mounted.frames.slice(framesBefore).map((shown) => stripVTControlCharacters(shown));
      expect(since.some((shown) => shown.includes('● reconnecting'))).toBe(true);
      expect(frame()).toContain('● live');
      // Counters restart with the server, unless it keeps them process-wide; either way, new ones.
      expect([2, before + 2]).toContain(weavesIn(frame()));
    }, WAIT);
  });
});
