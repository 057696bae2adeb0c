import { setTimeout as sleep } from 'node:timers/promises';

import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

import type { ConnectionState } from './model.js';
import { METRICS_SUBSCRIPTION, type WireSnapshot } from './snapshot.js';

/** First wait before reconnecting; it doubles per failed attempt up to BACKOFF_MAX_MS. */
export const BACKOFF_START_MS = 500;
export const BACKOFF_MAX_MS = 5_000;

/** Header that scopes a request to a tenant (src/app/tenant.ts); the CLI may not import app/. */
const TENANT_HEADER = 'x-hololoom-tenant';

export interface MetricsFeedOptions {
  readonly url: string;
  readonly intervalMs: number;
  readonly tenant?: string | undefined;
  /** Keep reconnecting and resubscribing forever (live mode); false gives up on the first failure. */
  readonly retry: boolean;
}

export interface MetricsFeedEvents {
  state(state: ConnectionState): void;
  snapshot(snapshot: WireSnapshot): void;
  problem(problem: FeedProblem): void;
}

/**
 * Why the subscription failed: `rejected` when the server answered with GraphQL errors (an older
 * server without `metrics`, a bad interval), `unreachable` when the socket failed (only reported
 * without retry; with it, the connection state says so).
 */
export interface FeedProblem {
  readonly kind: 'rejected' | 'unreachable';
  readonly message: string;
}

export interface MetricsFeed {
  dispose(): Promise<void>;
}

/** 500 ms, 1 s, 2 s, 4 s, then 5 s: quick after a blip, gentle on a server that stays down. */
export function backoffMs(retries: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_START_MS * 2 ** Math.max(0, retries));
}

/** A readable message from whatever graphql-ws hands over: an Error, an ErrorEvent, a CloseEvent, GraphQL errors. */
export function describeFailure(failure: unknown): string {
  if (Array.isArray(failure)) {
    return failure.map(describeFailure).join('; ');
  }
  if (typeof failure === 'object' && failure !== null) {
    const { message, reason, code } = failure as { message?: unknown; reason?: unknown; code?: unknown };
    if (typeof message === 'string' && message !== '') {
      return message;
    }
    if (typeof code === 'number') {
      return typeof reason === 'string' && reason !== '' ? `closed (${code.toString()}: ${reason})` : `closed (${code.toString()})`;
    }
  }
  return String(failure);
}

/** `ws` takes upgrade headers as a constructor option; graphql-ws only passes url and protocol. */
function webSocketWithHeaders(headers: Record<string, string>): new (address: string | URL, protocols?: string | string[]) => WebSocket {
  return class HeaderWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  };
}

/**
 * Subscribes to `metrics` over graphql-ws. With `retry`, the client reconnects with a capped
 * backoff after any close (a server restart included) and graphql-ws resends the subscription
 * on the new socket; if the server rejects or ends the subscription, it is sent again after
 * the longest backoff, so a dashboard left open survives a server upgrade.
 */
export function openMetricsFeed(options: MetricsFeedOptions, events: MetricsFeedEvents): MetricsFeed {
  const aborter = new AbortController();
  let disposed = false;
  let reason: string | null = null;
  const report = (state: ConnectionState): void => {
    if (!disposed) {
      events.state(state);
    }
  };
  const client = createClient({
    url: options.url,
    webSocketImpl: options.tenant === undefined ? WebSocket : webSocketWithHeaders({ [TENANT_HEADER]: options.tenant }),
    lazy: false,
    retryAttempts: options.retry ? Number.POSITIVE_INFINITY : 0,
    // The default retries only on close events; a refused connection arrives as an error event.
    shouldRetry: () => true,
    retryWait: async (retries) => {
      const delay = backoffMs(retries);
      report({ kind: 'reconnecting', retryAt: Date.now() + delay, reason });
      // Cut short on dispose so that closing is quick. It must resolve, not reject: graphql-ws
      // does not catch a rejected retryWait, and its dispose would then wait forever.
      await sleep(delay, undefined, { signal: aborter.signal }).catch(() => undefined);
    },
    // Failures reach the subscription's sink as well; reporting them there once is enough.
    onNonLazyError: () => undefined,
    on: {
      connecting: (isRetry) => report(isRetry ? { kind: 'reconnecting', retryAt: null, reason } : { kind: 'connecting' }),
      connected: () => {
        reason = null;
        report({ kind: 'live' });
      },
      error: (error) => {
        reason = describeFailure(error);
      },
      closed: (event) => {
        reason ??= describeFailure(event);
        report({ kind: 'reconnecting', retryAt: null, reason });
      },
    },
  });
  const resubscribe = subscribeLoop(client, options, events, aborter.signal, () => disposed);
  resubscribe();
  return {
    async dispose() {
      disposed = true;
      aborter.abort();
      // dispose waits for an attempt under way, and rejects when that attempt is refused.
      try {
        await client.dispose();
      } catch {
        // Nothing to close: the attempt never connected.
      }
    },
  };
}

function subscribeLoop(
  client: Client,
  options: MetricsFeedOptions,
  events: MetricsFeedEvents,
  signal: AbortSignal,
  isDisposed: () => boolean,
): () => void {
  const again = (): void => {
    if (options.retry && !isDisposed()) {
      sleep(BACKOFF_MAX_MS, undefined, { signal }).then(subscribe, () => undefined);
    }
  };
  function subscribe(): void {
    client.subscribe<{ metrics: WireSnapshot }>(
      { query: METRICS_SUBSCRIPTION, variables: { intervalMs: options.intervalMs } },
      {
        next: ({ data, errors }) => {
          if (data?.metrics !== undefined) {
            events.snapshot(data.metrics);
          } else if (errors !== undefined && !isDisposed()) {
            events.problem({ kind: 'rejected', message: describeFailure(errors) });
          }
        },
        error: (error) => {
          if (!isDisposed()) {
            events.problem({ kind: Array.isArray(error) ? 'rejected' : 'unreachable', message: describeFailure(error) });
            again();
          }
        },
        complete: again,
      },
    );
  }
  return subscribe;
}
