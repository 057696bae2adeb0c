/** The original HybridMemoryStore's RRF constant: Σ 1 / (60 + rank), rank counted from 1. */
export const RRF_K = 60;

/** One retriever's answer: keys best first, and the name of the retriever. */
export interface RankedList<K, S extends string = string> {
  readonly source: S;
  readonly keys: readonly K[];
}

/** A key after fusion: its score in 0..1 and the retrievers that found it. */
export interface FusedItem<K, S extends string = string> {
  readonly key: K;
  /**
   * The RRF sum divided by the most any key could get from these lists (rank 1 in every one), so
   * 1 means "first everywhere" and the scale does not change with the number of lists.
   */
  readonly score: number;
  /** Sources in the order the lists were given. */
  readonly sources: readonly S[];
}

interface Tally<S> {
  sum: number;
  bestRank: number;
  firstSeen: number;
  sources: S[];
}

function tallyLists<K, S extends string>(lists: readonly RankedList<K, S>[], k: number): Map<K, Tally<S>> {
  const tallies = new Map<K, Tally<S>>();
  for (const list of lists) {
    // A retriever that repeats a key only counts its best rank.
    const counted = new Set<K>();
    list.keys.forEach((key, index) => {
      if (counted.has(key)) {
        return;
      }
      counted.add(key);
      const rank = index + 1;
      const tally = tallies.get(key) ?? { sum: 0, bestRank: rank, firstSeen: tallies.size, sources: [] };
      tally.sum += 1 / (k + rank);
      tally.bestRank = Math.min(tally.bestRank, rank);
      tally.sources.push(list.source);
      tallies.set(key, tally);
    });
  }
  return tallies;
}

/**
 * Reciprocal rank fusion: every list adds 1 / (k + rank) to each key it holds. Best first; ties
 * go to the better single rank, then to the key seen first, so the order is deterministic.
 * Empty input gives an empty result.
 */
export function reciprocalRankFusion<K, S extends string>(
  lists: readonly RankedList<K, S>[],
  k: number = RRF_K,
): FusedItem<K, S>[] {
  const maxScore = lists.length / (k + 1);
  return [...tallyLists(lists, k)]
    .sort(
      ([, a], [, b]) => b.sum - a.sum || a.bestRank - b.bestRank || a.firstSeen - b.firstSeen,
    )
    .map(([key, tally]) => ({ key, score: Math.min(1, tally.sum / maxScore), sources: tally.sources }));
}
