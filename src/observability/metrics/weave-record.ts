/** The weave modes a pattern card can run; the collector keeps one latency series per mode. */
export type WeaveMode = 'BARE' | 'FAST' | 'FUSED';

/** What one finished weave tells the metrics, whatever its outcome. */
export interface WeaveRecord {
  readonly mode: WeaveMode;
  /** The complexity level the weave was assessed at (a Prometheus label). */
  readonly complexity: string;
  /** The tool that ran; an empty string when the weave failed before one was chosen. */
  readonly tool: string;
  readonly durationMs: number;
  /** Served from the weave (Spacetime) cache. */
  readonly cacheHit: boolean;
  /** The cache was consulted at all (a weave with `useCache: false` counts as neither hit nor miss). */
  readonly cacheLookedUp: boolean;
  /** The Spacetime's error code; null for a weave that succeeded. */
  readonly errorCode: string | null;
  /** The weave step that failed; null when unknown or when nothing failed. */
  readonly errorStage: string | null;
}

/** Something else that hears every weave (the Prometheus exporter), so one call feeds all. */
export interface MetricsSink {
  recordWeave(weave: WeaveRecord): void;
}

/** What a registered cache reports about itself when a snapshot is taken. */
export interface CacheCounters {
  readonly hits: number;
  readonly misses: number;
  readonly size: number;
}

/**
 * The default time source: epoch milliseconds that never step backwards (performance's origin
 * plus its monotonic offset), so windows survive NTP steps and `takenAt` still reads as a date.
 */
export const monotonicEpochMs = (): number => performance.timeOrigin + performance.now();
