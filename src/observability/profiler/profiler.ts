import { AsyncLocalStorage } from 'node:async_hooks';

import { residentBytes } from './resident-memory.js';

/** Small facts a span carries (a step's k, a tool's name); JSON-ready. */
export type SpanDetail = Readonly<Record<string, string | number | boolean | null>>;

/** One timed region and the regions it contained; final once the span has ended. */
export interface ProfileSpan {
  readonly name: string;
  /** Clock reading at the start (ms); subtract the root's to place a span in its trace. */
  readonly startMs: number;
  readonly durationMs: number;
  /** Memory reading (default: RSS) at the end minus at the start; page-grained and noisy, a hint. */
  readonly memoryDeltaBytes: number;
  /** The region threw (or its promise rejected). */
  readonly error: boolean;
  readonly detail: SpanDetail | null;
  /** In the order they started; concurrent children interleave by start. */
  readonly children: readonly ProfileSpan[];
}

/** A finished trace: what the traced function returned, and the span tree it produced. */
export interface Traced<T> {
  readonly result: T;
  readonly root: ProfileSpan;
}

export interface Profiler {
  /** Runs `fn` as a child of the current span (or as a detached span outside any trace). */
  span<T>(name: string, fn: () => T | Promise<T>, detail?: SpanDetail): Promise<T>;
  /** The same for synchronous work, with no promise and no microtask; `fn` must not return one. */
  spanSync<T>(name: string, fn: () => T, detail?: SpanDetail): T;
  /** Runs `fn` in a new root span (never attached to an enclosing one) and returns its tree. */
  trace<T>(fn: () => T | Promise<T>, name?: string, detail?: SpanDetail): Promise<Traced<T>>;
  /** The innermost span of the running async flow; null outside any. */
  currentSpan(): ProfileSpan | null;
}

export interface ProfilerOptions {
  /** Milliseconds, monotonic. @default performance.now */
  readonly clock?: () => number;
  /** Bytes; `() => 0` turns memory deltas off. @default residentBytes (the RSS, ~4 µs a read) */
  readonly memory?: () => number;
}

/** The one object a span allocates (besides its children array); fixed shape for V8. */
class SpanRecord implements ProfileSpan {
  durationMs = 0;
  memoryDeltaBytes: number;
  error = false;
  readonly children: SpanRecord[] = [];

  constructor(
    readonly name: string,
    readonly startMs: number,
    memoryAtStart: number,
    readonly detail: SpanDetail | null,
  ) {
    // Holds minus the start reading until end() adds the end reading: no extra field per span.
    this.memoryDeltaBytes = -memoryAtStart;
  }

  end(now: number, memory: number): void {
    this.durationMs = now - this.startMs;
    this.memoryDeltaBytes += memory;
  }
}

/**
 * Hierarchical spans on AsyncLocalStorage: the current span travels with the async flow, so
 * concurrent weaves (or concurrent steps inside one) each build their own tree, never mixed.
 * A span is the record itself: no ids, no events, no exporter, nothing kept after its trace.
 */
export function createProfiler({ clock = () => performance.now(), memory = residentBytes }: ProfilerOptions = {}): Profiler {
  const storage = new AsyncLocalStorage<SpanRecord>();
  // Traces running now. Once none is, the storage is disabled: on Node 20 an enabled
  // AsyncLocalStorage puts a hook on every promise in the process (~0.1 µs each), which requests
  // that trace nothing (a cached weave, a health probe) would otherwise pay. run() re-enables it.
  let tracing = 0;

  const open = (name: string, detail: SpanDetail | null, attach: boolean): SpanRecord => {
    const record = new SpanRecord(name, clock(), memory(), detail);
    if (attach) {
      storage.getStore()?.children.push(record);
    }
    return record;
  };

  const failed = (record: SpanRecord): void => {
    record.error = true;
    record.end(clock(), memory());
  };

  // then() rather than an async wrapper: one derived promise per span instead of two, which
  // matters on Node 20, where every promise pays AsyncLocalStorage's promise hook.
  const runAsync = <T>(record: SpanRecord, fn: () => T | Promise<T>): Promise<T> => {
    let result: T | Promise<T>;
    try {
      result = storage.run(record, fn);
    } catch (error) {
      failed(record);
      // Rejects with the caller's own error, untouched, as an async function would.
      return Promise.resolve().then(() => {
        throw error;
      });
    }
    // Native promises (what async functions return); another thenable is treated as a value.
    if (!(result instanceof Promise)) {
      record.end(clock(), memory());
      return Promise.resolve(result);
    }
    return result.then(
      (value) => {
        record.end(clock(), memory());
        return value;
      },
      (error: unknown) => {
        failed(record);
        throw error;
      },
    );
  };

  return {
    span: (name, fn, detail) => runAsync(open(name, detail ?? null, true), fn),
    spanSync<T>(name: string, fn: () => T, detail?: SpanDetail): T {
      const record = open(name, detail ?? null, true);
      let result: T;
      try {
        result = storage.run(record, fn);
      } catch (error) {
        failed(record);
        throw error;
      }
      record.end(clock(), memory());
      return result;
    },
    async trace(fn, name = 'trace', detail) {
      const root = open(name, detail ?? null, false);
      tracing++;
      try {
        const result = await runAsync(root, fn);
        return { result, root };
      } finally {
        tracing--;
        if (tracing === 0) {
          storage.disable();
        }
      }
    },
    currentSpan: () => storage.getStore() ?? null,
  };
}
