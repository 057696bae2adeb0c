import usearch from 'usearch';

/** Nearest-neighbour search over unit vectors of one size, keyed by integer. */
export interface VectorEngine {
  readonly size: number;
  /** Adds `keys.length` vectors laid out back to back in `flat`. */
  add(keys: readonly number[], flat: Float32Array): void;
  remove(key: number): boolean;
  /** Up to `count` keys, nearest (by cosine) first. */
  search(query: Float32Array, count: number): number[];
}

/** The exact engine can hand over its contents, so the index can outgrow it into HNSW. */
export interface ExactVectorEngine extends VectorEngine {
  /**
   * Every key with its vector, back to back: views of the engine's own arrays, not copies (a
   * 20 MB copy at 50k vectors), so the engine must not change while they are read.
   */
  dump(): { keys: readonly number[]; flat: Float32Array };
}

/** HNSW settings from STACK-NOTES (recall@10 = 1.0 on clustered 10k sets). */
const HNSW_CONNECTIVITY = 16;
const HNSW_EXPANSION_ADD = 128;
const HNSW_EXPANSION_SEARCH = 64;
const INITIAL_CAPACITY = 1_024;
// One search thread: at these sizes the pool's hand-off costs more than it saves.
const SEARCH_THREADS = 1;
// Bulk builds (the switch to HNSW, a refit's pages) may use every core (0 = all)...
const BULK_BUILD_THREADS = 0;
// ...but a smaller batch is added on one thread: a pool saves little on it, and a graph built by
// one thread is the same on every run, where concurrent inserts interleave differently each time
// (a 200-vector test index once missed its own vector in a full test run on a busy machine).
const PARALLEL_BUILD_MIN = 1_000;

/**
 * Brute force over a contiguous, growable Float32Array (usearch's SIMD `exactSearch`): exact,
 * no build cost, ~0.4 ms per query at 10k × 96. Removal swaps the last row into the hole, so
 * the array never has gaps.
 */
export function createExactEngine(dims: number): ExactVectorEngine {
  let data = new Float32Array(dims * INITIAL_CAPACITY);
  const keys: number[] = [];
  const positions = new Map<number, number>();

  const ensureCapacity = (rows: number): void => {
    if (rows * dims <= data.length) {
      return;
    }
    const grown = new Float32Array(Math.max(rows, (data.length / dims) * 2) * dims);
    grown.set(data.subarray(0, keys.length * dims));
    data = grown;
  };

  const addOne = (key: number, vector: Float32Array): void => {
    const existing = positions.get(key);
    const position = existing ?? keys.length;
    data.set(vector, position * dims);
    if (existing === undefined) {
      keys.push(key);
      positions.set(key, position);
    }
  };

  return {
    get size() {
      return keys.length;
    },
    add(newKeys, flat) {
      ensureCapacity(keys.length + newKeys.length);
      newKeys.forEach((key, i) => {
        addOne(key, flat.subarray(i * dims, (i + 1) * dims));
      });
    },
    remove(key) {
      const position = positions.get(key);
      const lastKey = keys.at(-1);
      if (position === undefined || lastKey === undefined) {
        return false;
      }
      const last = keys.length - 1;
      data.copyWithin(position * dims, last * dims, (last + 1) * dims);
      keys[position] = lastKey;
      positions.set(lastKey, position);
      keys.pop();
      positions.delete(key);
      return true;
    },
    search(query, count) {
      const n = Math.min(count, keys.length);
      if (n <= 0) {
        return [];
      }
      const dataset = data.subarray(0, keys.length * dims);
      const matches = usearch.exactSearch(dataset, query, dims, n, usearch.MetricKind.Cos, SEARCH_THREADS);
      return Array.from(matches.keys, (position) => keys[Number(position)] ?? -1).filter((key) => key >= 0);
    },
    dump: () => ({ keys, flat: data.subarray(0, keys.length * dims) }),
  };
}

/** usearch HNSW graph: sub-millisecond queries on large sets, approximate, costly to build. */
export function createHnswEngine(dims: number): VectorEngine {
  const index = new usearch.Index({
    dimensions: dims,
    metric: usearch.MetricKind.Cos,
    quantization: usearch.ScalarKind.F32,
    connectivity: HNSW_CONNECTIVITY,
    expansion_add: HNSW_EXPANSION_ADD,
    expansion_search: HNSW_EXPANSION_SEARCH,
    multi: false,
  });
  return {
    get size() {
      return index.size();
    },
    add(keys, flat) {
      if (keys.length > 0) {
        index.add(BigUint64Array.from(keys, (key) => BigInt(key)), flat, keys.length < PARALLEL_BUILD_MIN ? 1 : BULK_BUILD_THREADS);
      }
    },
    remove: (key) => Number(index.remove(BigInt(key))) > 0,
    search(query, count) {
      if (count <= 0 || index.size() === 0) {
        return [];
      }
      return Array.from(index.search(query, count, SEARCH_THREADS).keys, (key) => Number(key));
    },
  };
}
