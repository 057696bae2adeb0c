import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { spawnServer } from './server-process.js';
import { summarize, type LatencyStats } from './stats.js';

/** The line src/main.ts logs once the server listens; it carries the url. */
export const HOLOLOOM_READY_MESSAGE = 'HoloLoom ready';

/** Spawns the built server and resolves with ms from spawn until /readyz answers 200. */
async function timeOneStart(entry: string, dataDir: string, env: Readonly<Record<string, string>>): Promise<number> {
  const start = performance.now();
  const server = await spawnServer(entry, { ...env, HOLOLOOM_PORT: '0', HOLOLOOM_DATA_DIR: dataDir, HOLOLOOM_LOG_LEVEL: 'info' }, HOLOLOOM_READY_MESSAGE);
  try {
    const response = await fetch(server.url.replace(/\/graphql$/, '/readyz'));
    if (response.status !== 200) {
      throw new Error(`/readyz answered ${response.status}`);
    }
    return performance.now() - start;
  } finally {
    await server.stop();
  }
}

/** Server start time (spawn → /readyz 200; `env` picks the backend) over `runs` cold starts on an empty data folder. */
export async function runStartupBench(entry: string, runs: number, env: Readonly<Record<string, string>> = {}): Promise<LatencyStats> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hololoom-start-'));
  const samples: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      samples.push(await timeOneStart(entry, dataDir, env));
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  return summarize(samples);
}
