/** The original HybridMemoryStore's RRF constant: Σ 1 / (60 + rank), rank counted from 1. */
export const RRF_K = 60;

/** How recall fuses its retrievers: per-source weights and RRF's k. */
export interface FusionProfile {
  readonly sourceWeights: Readonly<Partial<Record<'VECTOR' | 'KEYWORD' | 'GRAPH' | 'RECENCY', number>>>;
  readonly rrfK: number;
}

/**
 * Measured on test/fixtures/retrieval-eval.json (`npm run eval:retrieval`). With a lexical
 * (hashing) embedder every retriever sees only surface words, and plain RRF (k = 60) of all
 * of them recalls best. With a semantic model the vector list is far stronger: BM25 and graph
 * hits must only break near-ties, so they weigh less and a small k lets ranks 1, 2, 3 differ.
 */
export const FUSION_PROFILES: Readonly<Record<'lexical' | 'semantic', FusionProfile>> = {
  lexical: { sourceWeights: {}, rrfK: 60 },
  semantic: { sourceWeights: { KEYWORD: 0.3, GRAPH: 0.2, RECENCY: 0.5 }, rrfK: 1 },
};

/** One retriever's answer: keys best first, and the name of the retriever. */
export interface RankedList<K, S extends string = string> {
  readonly source: S;
  readonly keys: readonly K[];
  /** How much this retriever counts: each key adds weight / (k + rank). @default 1 */
  readonly weight?: number;
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
      tally.sum += (list.weight ?? 1) / (k + rank);
      tally.bestRank = Math.min(tally.bestRank, rank);
      tally.sources.push(list.source);
      tallies.set(key, tally);
    });
  }
  return tallies;
}

/**
 * Weighted reciprocal rank fusion: every list adds weight / (k + rank) to each key it holds. Best first; ties
 * go to the better single rank, then to the key seen first, so the order is deterministic.
 * Empty input gives an empty result.
 */
export function reciprocalRankFusion<K, S extends string>(
  lists: readonly RankedList<K, S>[],
  k: number = RRF_K,
): FusedItem<K, S>[] {
  const maxScore = lists.reduce((sum, list) => sum + (list.weight ?? 1), 0) / (k + 1);
  return [...tallyLists(lists, k)]
    .sort(
      ([, a], [, b]) => b.sum - a.sum || a.bestRank - b.bestRank || a.firstSeen - b.firstSeen,
    )
    .map(([key, tally]) => ({ key, score: Math.min(1, tally.sum / maxScore), sources: tally.sources }));
}
