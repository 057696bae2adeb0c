import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';

import { buildSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

import type { WireSnapshot } from '../../../../src/cli/dashboard/snapshot.js';

/** The `metrics` part of the server's schema, enough to serve the dashboard's document. */
const SDL = `
  type Latency { count: Int! meanMs: Float! p50Ms: Float! p95Ms: Float! p99Ms: Float! maxMs: Float! }
  type NamedLatency { name: String! total: Float! errors: Float! latency: Latency! }
  type Throughput { perSecond10s: Float! perSecond60s: Float! }
  type CacheRate { name: String! hits: Float! misses: Float! hitRate: Float! size: Float! }
  type NamedCount { name: String! count: Float! }
  type ProcessStats { cpuPercent: Float! rssMb: Float! heapUsedMb: Float! eventLoopDelayP99Ms: Float! uptimeSeconds: Float! }
  type ConnectionStats { websockets: Int! subscriptions: Int! }
  type TrainingUpdate { runId: String! update: Int! updates: Int! meanReward: Float! done: Boolean! }
  type TrainingActivity { running: Int! finished: Int! lastUpdate: TrainingUpdate }
  type MetricsSnapshot {
    takenAt: String! weaves: Float! weaveErrors: Float! latency: Latency! throughput: Throughput!
    operations: [NamedLatency!]! modes: [NamedLatency!]! caches: [CacheRate!]! tools: [NamedCount!]!
    patterns: [NamedCount!]! process: ProcessStats! connections: ConnectionStats! training: TrainingActivity!
  }
  type Query { ok: Boolean }
  type Subscription { metrics(intervalMs: Int): MetricsSnapshot }
`;

export interface StubServer {
  readonly url: string;
  readonly port: number;
  /** Headers of each WebSocket upgrade request, in order. */
  readonly upgrades: IncomingHttpHeaders[];
  close(): Promise<void>;
}

/** A graphql-ws server whose `metrics` sends `snapshot` every intervalMs, as the real one does. */
export async function startStubMetricsServer(snapshot: WireSnapshot, port = 0): Promise<StubServer> {
  const schema = buildSchema(SDL);
  const httpServer: Server = createServer();
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const metrics = async function* metrics({ intervalMs }: { intervalMs?: number }): AsyncGenerator<{ metrics: WireSnapshot }> {
    for (;;) {
      yield { metrics: { ...snapshot, takenAt: new Date().toISOString() } };
      await new Promise((resolve) => setTimeout(resolve, intervalMs ?? 1000));
    }
  };
  const upgrades: IncomingHttpHeaders[] = [];
  wsServer.on('connection', (_socket, request) => upgrades.push(request.headers));
  const disposable = useServer({ schema, roots: { subscription: { metrics } } }, wsServer);
  await new Promise<void>((resolve) => httpServer.listen(port, '127.0.0.1', resolve));
  const actual = (httpServer.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `ws://127.0.0.1:${actual.toString()}/graphql`,
    port: actual,
    upgrades,
    close() {
      // Like the real server's drain: sockets close with 1001 (Going away), then the port is freed.
      closing ??= (async () => {
        await disposable.dispose();
        httpServer.closeAllConnections();
        await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      })();
      return closing;
    },
  };
}
