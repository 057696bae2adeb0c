/** How a ranked source that cannot filter by itself is asked for more. */
export interface WideningFetch {
  /** Up to `want` keys, best first, unfiltered. Fewer than `want` means the source is exhausted. */
  readonly fetch: (want: number) => readonly number[];
  readonly accept: (key: number) => boolean;
  readonly limit: number;
  /** Expected share of keys `accept` passes (0..1); sizes the first request. @default 1 */
  readonly expectedRate?: number;
  /** Requests of this size or more are the whole source. @default Infinity */
  readonly total?: number;
}

// Below this share the first request would be absurd; the widening rounds take over.
const MIN_EXPECTED_RATE = 0.01;
const NO_HITS_GROWTH = 8;
const RATE_SAFETY = 1.25;

/** Slack for what the rate does not foresee (a time window, rank skew), and a floor of 4·limit + 32. */
function firstRequest(limit: number, expectedRate: number): number {
  const rate = Math.min(1, Math.max(MIN_EXPECTED_RATE, expectedRate));
  return Math.max(4 * limit, Math.ceil((limit / rate) * RATE_SAFETY)) + 32;
}

/**
 * The first `limit` accepted keys of a source that ranks every tenant together. Each round sizes
 * the next from the share of keys accepted so far, so a tenant holding 1% of the rows needs two
 * rounds, not five. Stops when enough pass, the source runs dry, or the whole source was read.
 */
export function fetchAccepted({ fetch, accept, limit, expectedRate = 1, total = Infinity }: WideningFetch): number[] {
  let want = Math.min(total, firstRequest(limit, expectedRate));
  for (;;) {
    const fetched = fetch(want);
    const hits = fetched.filter(accept);
    if (hits.length >= limit || fetched.length < want || want >= total) {
      return hits.slice(0, limit);
    }
    const rate = hits.length / fetched.length;
    want = Math.min(total, rate > 0 ? Math.max(want * 2, Math.ceil((limit / rate) * RATE_SAFETY)) : want * NO_HITS_GROWTH);
  }
}
