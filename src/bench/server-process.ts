import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/** A server running in a child process. */
export interface ChildServer {
  /** The GraphQL endpoint the server announced. */
  readonly url: string;
  readonly pid: number;
  /** SIGTERM, then resolves once the process has exited. */
  stop(): Promise<void>;
}

/** The JSON log line both servers print once they listen, e.g. pino's `{"msg":"HoloLoom ready","url":…}`. */
export function readyUrlOf(line: string, message: string): string | undefined {
  try {
    const parsed = JSON.parse(line) as { msg?: unknown; url?: unknown };
    return parsed.msg === message && typeof parsed.url === 'string' ? parsed.url : undefined;
  } catch {
    return undefined;
  }
}

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));

/**
 * Resolves with the url from the first stdout line that announces `message`. stdout keeps being
 * read afterwards: a pipe nobody drains would block the server on its next log line.
 */
function awaitReady(child: ChildProcess, message: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let pending = '';
    let found = false;
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      if (found) {
        return;
      }
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      const url = lines.map((line) => readyUrlOf(line, message)).find((candidate) => candidate !== undefined);
      if (url !== undefined) {
        found = true;
        resolve(url);
      }
    });
    child.once('exit', (code, signal) => {
      reject(new Error(`The server exited (${signal ?? `code ${String(code)}`}) before it printed "${message}".`));
    });
    child.once('error', reject);
  });
}

/**
 * The Node flags `npm start` runs the server with: package.json's start script passes the same
 * (a test keeps the two equal). Every server the bench spawns runs with them, the bare yardstick
 * included, so both sides of a ratio run on the same runtime settings.
 *
 * --initial-old-space-size: HoloLoom keeps ~45 MB on the heap for good (schemas, compiled
 * code, the CALC engine), and V8 sized the old generation from a small start: under cached load
 * it ran a full mark-compact of that heap every ~0.4 s, on the request thread and on helper
 * threads that took CPU from the rest of the machine. Starting the old generation at 128 MB
 * spaces them ~3x further apart: +8% cached req/s for ~40 MB more RSS under load. The bare
 * server, with a small heap, gains nothing from it (measured).
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--initial-old-space-size=128'];

/** Starts `node entry` with `env` added and waits until it announces `readyMessage` on stdout. */
export async function spawnServer(entry: string, env: Readonly<Record<string, string>>, readyMessage: string): Promise<ChildServer> {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, entry], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const stop = async (): Promise<void> => {
    child.kill('SIGTERM');
    await exited(child);
  };
  try {
    const url = await awaitReady(child, readyMessage);
    return { url, pid: child.pid ?? -1, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Resident memory of another process from /proc (Linux); null where there is no /proc to read. */
export async function processRssMb(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb === undefined ? null : Number(kb) / 1024;
  } catch {
    return null;
  }
}

/** CPU time another process has used so far, from /proc/<pid>/schedstat (ns on a core); null where there is none. */
export async function processCpuSeconds(pid: number): Promise<number | null> {
  try {
    const onCpuNs = Number((await readFile(`/proc/${pid}/schedstat`, 'utf8')).split(' ')[0]);
    return Number.isFinite(onCpuNs) ? onCpuNs / 1e9 : null;
  } catch {
    return null;
  }
}
