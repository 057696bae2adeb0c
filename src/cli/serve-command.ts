import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { SERVER_NODE_FLAGS } from '../bench/server-process.js';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** Whether this process already runs with every flag the server wants. */
const hasServerFlags = (): boolean => SERVER_NODE_FLAGS.every((flag) => process.execArgv.includes(flag));

/**
 * `hololoom serve`: the server as `npm start` runs it. Its Node flags take effect only when the
 * process starts (V8 sizes its heap then, and Node refuses them in NODE_OPTIONS), so without them
 * the server runs in a child process that has them, and its exit code becomes this one's. The
 * child has a process group of its own, so a Ctrl-C reaches it once, passed on from here, and
 * drains the server rather than, arriving twice, cutting it off.
 */
export async function serveCommand(): Promise<void> {
  if (hasServerFlags()) {
    await import('../main.js');
    return;
  }
  const entry = fileURLToPath(new URL('../main.js', import.meta.url));
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, entry], { stdio: 'inherit', detached: true });
  // Should this process end first (an uncaught error), the server goes with it.
  process.once('exit', () => child.kill('SIGTERM'));
  for (const signal of SIGNALS) {
    process.on(signal, () => child.kill(signal));
  }
  const code = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal === null ? 1 : 128)));
  });
  process.exitCode = code;
}
