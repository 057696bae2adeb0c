import { render, renderToString } from 'ink';
import type { ReactElement } from 'react';

import { Dashboard, LiveDashboard } from './dashboard.js';
import type { DashboardModel } from './model.js';
import { h } from './panels.js';
import { startSession, type DashboardSession } from './session.js';

export const DEFAULT_DASHBOARD_URL = 'ws://127.0.0.1:4000/graphql';
export const DEFAULT_DASHBOARD_INTERVAL_MS = 1_000;
/** The server's bounds for `metrics(intervalMs)`; checked here to fail before connecting. */
const INTERVAL_BOUNDS = { min: 100, max: 60_000 } as const;
/** Width of a `--once` frame when stdout is not a terminal (two panels side by side). */
const ONCE_COLUMNS = 100;

export interface DashboardFlags {
  readonly url: string;
  readonly intervalMs: string;
  readonly once?: boolean;
  readonly tenant?: string;
}

export interface DashboardOptions {
  readonly url: string;
  readonly intervalMs: number;
  readonly tenant?: string | undefined;
}

/** What mounting needs of a renderer: ink's `render`, or ink-testing-library's in tests. */
export interface Mounted {
  rerender(tree: ReactElement): void;
  unmount(): void;
}

export interface MountedDashboard<M extends Mounted> {
  readonly mounted: M;
  readonly session: DashboardSession;
  /** Stops reconnecting, closes the socket and unmounts. */
  close(): Promise<void>;
}

/** Flags to options, or the message to print; `http(s)://` is accepted as the server's ws twin. */
export function parseDashboardFlags(flags: DashboardFlags): DashboardOptions | string {
  let url: URL;
  try {
    url = new URL(flags.url);
  } catch {
    return `--url ${flags.url} is not a URL; expected e.g. ${DEFAULT_DASHBOARD_URL}`;
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:';
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    return `--url must be a ws:// or wss:// address, e.g. ${DEFAULT_DASHBOARD_URL}`;
  }
  const intervalMs = Number(flags.intervalMs);
  if (!Number.isInteger(intervalMs) || intervalMs < INTERVAL_BOUNDS.min || intervalMs > INTERVAL_BOUNDS.max) {
    return `--interval-ms must be a whole number from ${INTERVAL_BOUNDS.min.toString()} to ${INTERVAL_BOUNDS.max.toString()}`;
  }
  return { url: url.toString(), intervalMs, tenant: flags.tenant };
}

/** Connects (retrying forever) and redraws the live dashboard on every change. */
export function mountDashboard<M extends Mounted>(options: DashboardOptions, mount: (tree: ReactElement) => M): MountedDashboard<M> {
  const view = (model: DashboardModel): ReactElement => h(LiveDashboard, { model });
  // The feed reports its first state while connecting starts, before there is anything to redraw.
  const target: { mounted?: M } = {};
  const session = startSession({
    ...options,
    retry: true,
    onChange: (model) => target.mounted?.rerender(view(model)),
  });
  const mounted = mount(view(session.model()));
  target.mounted = mounted;
  return {
    mounted,
    session,
    async close() {
      await session.dispose();
      mounted.unmount();
    },
  };
}

async function runLive(options: DashboardOptions): Promise<void> {
  const dashboard = mountDashboard(options, (tree) => render(tree, { exitOnCtrlC: true }));
  // In raw mode ink sees Ctrl-C as a key and exits; without a terminal it arrives as a signal.
  const stop = (): void => {
    dashboard.mounted.unmount();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await dashboard.mounted.waitUntilExit();
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await dashboard.close();
  }
}

/** One frame after the first snapshot; gives up (exit 1) on the first failure or after a timeout. */
export async function printOnce(options: DashboardOptions, stdout: NodeJS.WriteStream = process.stdout): Promise<number> {
  const session = startSession({ ...options, retry: false, onChange: () => undefined });
  // Three intervals, and never under 10 s, leave room for a server that is busy starting up.
  const timeoutMs = Math.max(10_000, 3 * options.intervalMs);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ ok: false; message: string }>((resolve) => {
    timer = setTimeout(() => {
      resolve({ ok: false, message: `no metrics snapshot from ${options.url} within ${(timeoutMs / 1000).toString()} s` });
    }, timeoutMs);
  });
  try {
    const outcome = await Promise.race([session.first, timeout]);
    if (!outcome.ok) {
      process.stderr.write(`hololoom dashboard: ${outcome.message}\n`);
      return 1;
    }
    const frame = renderToString(h(Dashboard, { model: session.model() }), { columns: stdout.columns > 0 ? stdout.columns : ONCE_COLUMNS });
    stdout.write(`${frame}\n`);
    return 0;
  } finally {
    clearTimeout(timer);
    await session.dispose();
  }
}

/** `hololoom dashboard`: live panels of the server's `metrics` subscription. */
export async function dashboardCommand(flags: DashboardFlags): Promise<void> {
  const options = parseDashboardFlags(flags);
  if (typeof options === 'string') {
    process.stderr.write(`hololoom dashboard: ${options}\n`);
    process.exitCode = 1;
    return;
  }
  if (flags.once === true) {
    process.exitCode = await printOnce(options);
    return;
  }
  await runLive(options);
}
