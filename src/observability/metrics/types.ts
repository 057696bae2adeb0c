/**
 * What the server reports about itself: the `metricsSnapshot` query, the `metrics` subscription
 * and the dashboard all read this one shape. Durations in milliseconds, sizes in MiB.
 */

/** Latency percentiles over the collector's sliding window (the last 60 s). */
export interface LatencySummary {
  /** Samples in the window. */
  readonly count: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** One GraphQL root field (e.g. `weave`, `recall`, `rememberMany`) or one weave mode. */
export interface NamedLatency {
  readonly name: string;
  /** Calls since start. */
  readonly total: number;
  /** Calls that ended in an error since start. */
  readonly errors: number;
  readonly latency: LatencySummary;
}

/** Requests per second over two sliding windows. */
export interface Throughput {
  readonly perSecond10s: number;
  readonly perSecond60s: number;
}

/** A cache's counters since start. */
export interface CacheRate {
  /** e.g. `weave` (the Spacetime cache) or `embedding`. */
  readonly name: string;
  readonly hits: number;
  readonly misses: number;
  /** hits / (hits + misses); 0 before any lookup. */
  readonly hitRate: number;
  readonly size: number;
}

/** How often something was chosen since start (tools, patterns). */
export interface NamedCount {
  readonly name: string;
  readonly count: number;
}

export interface ProcessStats {
  /** CPU time of this process over the last interval, as a percentage of one core (may exceed 100). */
  readonly cpuPercent: number;
  readonly rssMb: number;
  readonly heapUsedMb: number;
  /** Event-loop delay p99 over the last interval. */
  readonly eventLoopDelayP99Ms: number;
  readonly uptimeSeconds: number;
}

export interface ConnectionStats {
  /** Open graphql-ws sockets. */
  readonly websockets: number;
  /** Active subscriptions across them. */
  readonly subscriptions: number;
}

export interface TrainingActivity {
  /** Runs in progress on this server. */
  readonly running: number;
  /** Runs finished (DONE or FAILED) since start. */
  readonly finished: number;
  /** The last PPO update seen, if any. */
  readonly lastUpdate: { readonly runId: string; readonly update: number; readonly updates: number; readonly meanReward: number; readonly done: boolean } | null;
}

export interface MetricsSnapshot {
  readonly takenAt: Date;
  /** Weaves since start, errors included. */
  readonly weaves: number;
  readonly weaveErrors: number;
  /** Weave latency (all modes). */
  readonly latency: LatencySummary;
  readonly throughput: Throughput;
  /** Per GraphQL root field. */
  readonly operations: readonly NamedLatency[];
  /** Per weave mode (BARE, FAST, FUSED). */
  readonly modes: readonly NamedLatency[];
  readonly caches: readonly CacheRate[];
  readonly tools: readonly NamedCount[];
  readonly patterns: readonly NamedCount[];
  readonly process: ProcessStats;
  readonly connections: ConnectionStats;
  readonly training: TrainingActivity;
}
