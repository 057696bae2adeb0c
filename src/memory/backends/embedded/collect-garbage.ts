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
