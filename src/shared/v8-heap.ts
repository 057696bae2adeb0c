import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const isCallable = (value: unknown): value is () => void => typeof value === 'function';

let gc: (() => void) | undefined;

/** V8's `gc()` without starting Node with --expose-gc: the flag applies to contexts made after it is set. */
function exposedGc(): () => void {
  if (gc === undefined) {
    setFlagsFromString('--expose-gc');
    const found: unknown = runInNewContext('gc');
    if (!isCallable(found)) {
      throw new Error('V8 did not expose gc() to a new context.');
    }
    gc = found;
  }
  return gc;
}

/** Largest growth `limitHeapGrowth` takes: beyond it V8's own heuristic (up to 4×) is as good. */
export const MAX_HEAP_GROWTH_PERCENT = 300;

/**
 * Fixes how far V8's old generation may grow past what the last full collection kept alive
 * before the next one starts: `percent` 30 = 1.3× the live heap. V8's own factor is dynamic and
 * reaches 4× on a machine where collections are quick, which a server with a large live heap (the
 * indexes of 100k memories: ~75 MB) pays for in resident garbage: under sustained load its RSS
 * climbed ~25 MB/s until a collection at ~4× ran. V8 reads the flag each time it sets a new limit,
 * so it works when set at run time; 0 leaves V8's heuristic in place.
 */
export function limitHeapGrowth(percent: number): void {
  if (!Number.isInteger(percent) || percent < 0 || percent > MAX_HEAP_GROWTH_PERCENT) {
    throw new RangeError(`heap growth must be a whole percent from 0 to ${MAX_HEAP_GROWTH_PERCENT}, got ${percent}`);
  }
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}

/**
 * A full collection, on the next turn (once the caller's frame has dropped its references). For
 * a replaced usearch graph: its memory is native, freed only when V8 collects the JS wrapper, and
 * V8 does not know its size (~50 MB at 100k vectors), so nothing prompts a major GC while the
 * heap itself is quiet. Left alone, the old graph stayed resident after a bulk ingest's refit.
 */
export function collectGarbageSoon(): void {
  const collect = exposedGc();
  setImmediate(() => {
    collect();
  });
}
