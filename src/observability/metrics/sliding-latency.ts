import { build, type Histogram } from 'hdr-histogram-js';

import { monotonicEpochMs } from './weave-record.js';
import type { LatencySummary } from './types.js';

/** Latency over a sliding window, cheap enough to record on every request. */
export interface SlidingLatency {
  /** `now` lets a caller feeding several series read the clock once. @default clock() */
  record(durationMs: number, now?: number): void;
  /** Count, mean, percentiles and max of the window's samples; all zero when it is empty. */
  summary(): LatencySummary;
}

export interface SlidingLatencyOptions {
  /** Epoch-like milliseconds; drives slice rotation (tests pass a fake). */
  readonly clock?: () => number;
  /** Slices the window is cut into. @default 6 */
  readonly slices?: number;
  /** Length of one slice. @default 10_000 */
  readonly sliceMs?: number;
}

export const EMPTY_LATENCY: LatencySummary = { count: 0, meanMs: 0, p50Ms: 0, p95Ms: 0, p99Ms: 0, maxMs: 0 };

/*
 * HdrHistogram (hdr-histogram-js) rather than a hand-rolled reservoir: constant memory, O(1)
 * record, and percentiles with a bounded relative error, the standard for latency. The plain
 * JS build (`useWebAssembly: false`): ~135 ns per record against ~18 ns for WASM, but WASM
 * histograms live outside the GC heap, need an async init and an explicit destroy(), a
 * lifecycle a metrics series that lives as long as the process does not deserve for 0.1 µs.
 * Two significant digits (values to within 1%): 3 would cost ~6x the memory and merge time
 * for precision no dashboard shows.
 */
const newHistogram = (): Histogram =>
  build({ useWebAssembly: false, numberOfSignificantValueDigits: 2, lowestDiscernibleValue: 1, autoResize: true });

/** Microseconds, the unit the histograms record in (so sub-millisecond cache hits stay apart). */
const toMicros = (ms: number): number => Math.round(ms * 1000);

/** One rotating slice: its histogram, which slice number it holds, and its exact sum and max. */
interface Slice {
  readonly histogram: Histogram;
  /** -Infinity: never used. */
  number: number;
  sumMs: number;
  maxMs: number;
}

/**
 * A window of `slices` rotating slices (default 6 × 10 s = the last 50 to 60 s): a record lands
 * in the slice of its clock time, and a slice is reset when the clock reaches it again, so
 * samples leave the window a slice at a time without a timer.
 */
export function createSlidingLatency({ clock = monotonicEpochMs, slices = 6, sliceMs = 10_000 }: SlidingLatencyOptions = {}): SlidingLatency {
  // Exact sum and max per slice, so mean and max carry no histogram rounding.
  const ring: Slice[] = Array.from({ length: slices }, () => ({ histogram: newHistogram(), number: -Infinity, sumMs: 0, maxMs: 0 }));
  const merged = newHistogram();
  // Summaries are cached until the next record or the next slice, so many readers cost one merge.
  let cached: LatencySummary | null = null;
  let cachedSlice = Number.NaN;

  const sliceNumber = (now = clock()): number => Math.floor(now / sliceMs);
  const sliceFor = (number: number): Slice => {
    const slice = ring[((number % slices) + slices) % slices];
    if (slice === undefined) {
      throw new RangeError(`slices must be a positive integer, got ${slices}`);
    }
    return slice;
  };

  return {
    record(durationMs, now) {
      const ms = durationMs > 0 ? durationMs : 0; // NaN and negatives (clock skew) count as 0
      const number = sliceNumber(now);
      const slice = sliceFor(number);
      if (slice.number !== number) {
        slice.histogram.reset();
        slice.number = number;
        slice.sumMs = 0;
        slice.maxMs = 0;
      }
      slice.histogram.recordValue(toMicros(ms));
      slice.sumMs += ms;
      slice.maxMs = Math.max(slice.maxMs, ms);
      cached = null;
    },
    summary() {
      const number = sliceNumber();
      if (cached !== null && cachedSlice === number) {
        return cached;
      }
      merged.reset();
      let sum = 0;
      let max = 0;
      for (const slice of ring) {
        if (slice.number > number - slices && slice.number <= number) {
          merged.add(slice.histogram);
          sum += slice.sumMs;
          max = Math.max(max, slice.maxMs);
        }
      }
      cached = summarize(merged, sum, max);
      cachedSlice = number;
      return cached;
    },
  };
}

function summarize(histogram: Histogram, sumMs: number, maxMs: number): LatencySummary {
  const count = histogram.totalCount;
  if (count === 0) {
    return EMPTY_LATENCY;
  }
  // HDR reports a bucket's highest equivalent value; capping at the exact max keeps p99 <= max.
  const at = (percentile: number): number => Math.min(histogram.getValueAtPercentile(percentile) / 1000, maxMs);
  return { count, meanMs: sumMs / count, p50Ms: at(50), p95Ms: at(95), p99Ms: at(99), maxMs };
}
