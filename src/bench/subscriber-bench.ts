import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

import { percentile } from './stats.js';
import type { HttpTarget } from './http-targets.js';

export interface SubscriberBenchOptions {
  readonly target: HttpTarget;
  /** graphql-ws clients, each with one `metrics` subscription. @default 1000 */
  readonly subscribers?: number;
  /** The subscriptions' intervalMs. @default 1000 */
  readonly intervalMs?: number;
  /** How long the subscribers stay connected while weaves are timed. @default 10 */
  readonly holdSeconds?: number;
  /** Weaves timed before the subscribers connect and again while they are connected. @default 100 */
  readonly weaves?: number;
}

export interface WeaveTiming {
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly failed: number;
}

export interface SubscriberBenchResult {
  readonly subscribers: number;
  readonly intervalMs: number;
  /** Until every subscriber had its first snapshot. */
  readonly connectSeconds: number;
  readonly rssBeforeMb: number | null;
  readonly rssWithSubscribersMb: number | null;
  /** (RSS with subscribers − RSS before) / subscribers. */
  readonly kbPerConnection: number | null;
  /** Snapshots all subscribers received per second while held (ideal: subscribers × 1000 / intervalMs). */
  readonly snapshotsPerSecond: number;
  /** The server's own count of open sockets and subscriptions while held. */
  readonly serverSees: { readonly websockets: number; readonly subscriptions: number };
  readonly weavesBefore: WeaveTiming;
  readonly weavesDuring: WeaveTiming;
}

const SUBSCRIPTION = 'subscription M($ms: Int) { metrics(intervalMs: $ms) { weaves process { rssMb } } }';
const CONNECTIONS = '{ metricsSnapshot { connections { websockets subscriptions } } }';

interface GqlResult {
  readonly data?: { readonly metricsSnapshot?: { readonly connections: SubscriberBenchResult['serverSees'] } };
  readonly errors?: unknown[];
}

async function gql(url: string, query: string, variables: Record<string, unknown> = {}): Promise<GqlResult> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as GqlResult;
}

/** Uncached FAST weaves one after another: what one client waits while the subscribers are served. */
async function timeWeaves(url: string, count: number, label: string): Promise<WeaveTiming> {
  const durations: number[] = [];
  let failed = 0;
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const result = await gql(url, 'mutation W($q: String!) { weave(input: { query: $q, mode: FAST, useCache: false }) { id } }', {
      q: `Where is the meeting about project ${label} ${i} held?`,
    });
    durations.push(performance.now() - started);
    failed += result.errors === undefined ? 0 : 1;
  }
  durations.sort((a, b) => a - b);
  return { p50Ms: percentile(durations, 0.5), p95Ms: percentile(durations, 0.95), failed };
}

/** Opens `count` clients with one subscription each; resolves once every one has a first snapshot. */
function subscribeAll(wsUrl: string, count: number, intervalMs: number, onSnapshot: () => void): { clients: Client[]; ready: Promise<void> } {
  const clients: Client[] = [];
  let waiting = count;
  const ready = new Promise<void>((resolve, reject) => {
    for (let i = 0; i < count; i++) {
      const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0 });
      let first = true;
      client.subscribe(
        { query: SUBSCRIPTION, variables: { ms: intervalMs } },
        {
          next: () => {
            onSnapshot();
            if (first) {
              first = false;
              waiting -= 1;
              if (waiting === 0) {
                resolve();
              }
            }
          },
          error: reject,
          complete: () => undefined,
        },
      );
      clients.push(client);
    }
  });
  return { clients, ready };
}

/**
 * Connects `subscribers` graphql-ws clients to the `metrics` subscription and checks the server
 * keeps weaving: weave latency before and while they are connected, the server's RSS growth per
 * connection, and the snapshot rate the subscribers actually get.
 */
export async function runSubscriberBench(options: SubscriberBenchOptions): Promise<SubscriberBenchResult> {
  const { target, subscribers = 1_000, intervalMs = 1_000, holdSeconds = 10, weaves = 100 } = options;
  const wsUrl = target.url.replace(/^http/, 'ws');
  const weavesBefore = await timeWeaves(target.url, weaves, 'before');
  const rssBeforeMb = await target.rssMb();
  let snapshots = 0;
  const started = performance.now();
  const { clients, ready } = subscribeAll(wsUrl, subscribers, intervalMs, () => (snapshots += 1));
  try {
    await ready;
    const connectSeconds = (performance.now() - started) / 1000;
    const counted = snapshots;
    const heldFrom = performance.now();
    const weavesDuring = await timeWeaves(target.url, weaves, 'during');
    const rest = holdSeconds * 1000 - (performance.now() - heldFrom);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, rest)));
    const snapshotsPerSecond = (snapshots - counted) / ((performance.now() - heldFrom) / 1000);
    const rssWithSubscribersMb = await target.rssMb();
    const seen = await gql(target.url, CONNECTIONS);
    const kbPerConnection = rssBeforeMb === null || rssWithSubscribersMb === null ? null : ((rssWithSubscribersMb - rssBeforeMb) * 1024) / subscribers;
    const serverSees = seen.data?.metricsSnapshot?.connections ?? { websockets: 0, subscriptions: 0 };
    return { subscribers, intervalMs, connectSeconds, rssBeforeMb, rssWithSubscribersMb, kbPerConnection, snapshotsPerSecond, serverSees, weavesBefore, weavesDuring };
  } finally {
    // graphql-ws's dispose returns a promise or nothing, depending on the socket's state.
    await Promise.all(clients.map(async (client) => client.dispose()));
  }
}
