import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import { summarize, type LatencyStats } from './stats.js';

/** Spawns the built server and resolves with ms from spawn until /readyz answers 200. */
async function timeOneStart(entry: string, dataDir: string, env: Readonly<Record<string, string>>): Promise<number> {
  const start = performance.now();
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, ...env, HOLOLOOM_PORT: '0', HOLOLOOM_DATA_DIR: dataDir, HOLOLOOM_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await readyUrl(child.stdout);
    const response = await fetch(url.replace(/\/graphql$/, '/readyz'));
    if (response.status !== 200) {
      throw new Error(`/readyz answered ${response.status}`);
    }
    return performance.now() - start;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

/** Reads pino lines until the "ready" line, which carries the url. */
async function readyUrl(stdout: NodeJS.ReadableStream): Promise<string> {
  for await (const line of createInterface({ input: stdout })) {
    const parsed = JSON.parse(line) as { msg?: string; url?: string };
    if (parsed.msg === 'HoloLoom ready' && parsed.url !== undefined) {
      return parsed.url;
    }
  }
  throw new Error('The server exited before it was ready.');
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
