/** Padded inputs for one batch, ready to become int64 tensors. */
export interface PaddedBatch {
  readonly inputIds: BigInt64Array;
  readonly attentionMask: BigInt64Array;
  readonly tokenTypeIds: BigInt64Array;
  readonly lengths: readonly number[];
  /** Longest sequence in this batch: everything is padded to it, not to a fixed size. */
  readonly seq: number;
}

/** Pads each id list with 0 ([PAD]) to the longest one in the batch. */
export function padBatch(sequences: readonly (readonly number[])[]): PaddedBatch {
  const seq = Math.max(1, ...sequences.map((ids) => ids.length));
  const size = sequences.length * seq;
  const inputIds = new BigInt64Array(size);
  const attentionMask = new BigInt64Array(size);
  sequences.forEach((ids, row) => {
    ids.forEach((id, t) => {
      inputIds[row * seq + t] = BigInt(id);
      attentionMask[row * seq + t] = 1n;
    });
  });
  return { inputIds, attentionMask, tokenTypeIds: new BigInt64Array(size), lengths: sequences.map((ids) => ids.length), seq };
}

/**
 * Groups item indices into batches of similar length (longest first), so short texts are not
 * padded to the length of a long one that happens to share their call. A batch holds at most
 * `maxBatch` texts and `maxTokens` padded tokens, which bounds the model's working memory.
 */
export function lengthBuckets(lengths: readonly number[], maxBatch: number, maxTokens = Number.POSITIVE_INFINITY): number[][] {
  const order = lengths.map((_, i) => i).sort((a, b) => (lengths[b] ?? 0) - (lengths[a] ?? 0));
  const batches: number[][] = [];
  for (let i = 0; i < order.length; ) {
    const longest = Math.max(1, lengths[order[i] ?? 0] ?? 1);
    const size = Math.max(1, Math.min(maxBatch, Math.floor(maxTokens / longest)));
    batches.push(order.slice(i, i + size));
    i += size;
  }
  return batches;
}
