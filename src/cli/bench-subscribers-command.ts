import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { childProcessTargets, formatTable, runSubscriberBench, type SubscriberBenchResult } from '../bench/index.js';
import { BadInputError } from '../shared/index.js';

/** What commander hands the action (see `bench-subscribers` in main.ts). */
export interface SubscriberBenchFlags {
  readonly subscribers: string;
  readonly intervalMs: string;
  readonly hold: string;
  readonly weaves: string;
  readonly json?: string;
}

function wholeNumber(flag: string, text: string, min: number): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min) {
    throw new BadInputError(`${flag} must be a whole number ≥ ${min}; got "${text}".`);
  }
  return value;
}

const ms = (value: number): string => value.toFixed(2);

function report(result: SubscriberBenchResult): string {
  const { weavesBefore: before, weavesDuring: during } = result;
  const perConnection = result.kbPerConnection === null ? 'n/a' : `${result.kbPerConnection.toFixed(1)} KB`;
  return [
    `${result.subscribers} metrics subscribers at ${result.intervalMs} ms: connected in ${result.connectSeconds.toFixed(1)} s; ` +
      `the server saw ${result.serverSees.websockets} sockets and ${result.serverSees.subscriptions} subscriptions`,
    `server RSS ${result.rssBeforeMb?.toFixed(0) ?? '?'} MB → ${result.rssWithSubscribersMb?.toFixed(0) ?? '?'} MB: ${perConnection} per connection; ` +
      `${result.snapshotsPerSecond.toFixed(0)} snapshots/s delivered`,
    formatTable(
      [
        { header: 'uncached FAST weaves', align: 'left' },
        { header: 'P50 ms', align: 'right' },
        { header: 'P95 ms', align: 'right' },
        { header: 'Failed', align: 'right' },
      ],
      [
        ['before the subscribers', ms(before.p50Ms), ms(before.p95Ms), String(before.failed)],
        ['while they are connected', ms(during.p50Ms), ms(during.p95Ms), String(during.failed)],
      ],
    ),
  ].join('\n');
}

/** `hololoom bench-subscribers`: many `metrics` subscribers against the built server in a child process. */
export async function benchSubscribersCommand(flags: SubscriberBenchFlags): Promise<void> {
  const targets = childProcessTargets({
    holoLoom: fileURLToPath(new URL('../main.js', import.meta.url)),
    bare: fileURLToPath(new URL('../bench/bare-server-main.js', import.meta.url)),
  });
  const options = {
    subscribers: wholeNumber('--subscribers', flags.subscribers, 1),
    intervalMs: wholeNumber('--interval-ms', flags.intervalMs, 100),
    holdSeconds: wholeNumber('--hold', flags.hold, 1),
    weaves: wholeNumber('--weaves', flags.weaves, 1),
  };
  const target = await targets.holoLoom({ HOLOLOOM_EMBEDDER: 'hashing' });
  try {
    const result = await runSubscriberBench({ target, ...options });
    process.stdout.write(`${report(result)}\n`);
    if (flags.json !== undefined) {
      await writeFile(flags.json, `${JSON.stringify(result, null, 2)}\n`);
    }
  } finally {
    await target.close();
  }
}
