import type { RecallScale } from '../memory/index.js';
import type { PatternName } from '../spacetime/index.js';

/** One pattern card: how much work a weave does, and how long it may take. */
export interface PatternCard {
  readonly name: PatternName;
  readonly title: string;
  /** Matryoshka scales with their fusion weights (the original's card values). */
  readonly scales: readonly RecallScale[];
  readonly retrievalK: number;
  readonly keyword: boolean;
  readonly graphHop: boolean;
  /** Laplacian eigenvalues computed for the retrieved subgraph; 0 skips spectral features. */
  readonly spectralK: number;
  /** The whole cycle's budget; a weave past it ends as a TIMEOUT error Spacetime. */
  readonly timeoutMs: number;
}

/**
 * The original's BARE / FAST / FUSED cards (scales, weights, k, timeouts).
 * One deliberate change: BARE keeps BM25, which costs ~0.1 ms in FTS5 and rescues exact terms.
 */
export const PATTERN_CARDS: Readonly<Record<PatternName, PatternCard>> = {
  BARE: {
    name: 'BARE',
    title: 'Bare Threading',
    scales: [{ dims: 96, weight: 1 }],
    retrievalK: 3,
    keyword: true,
    graphHop: false,
    spectralK: 0,
    timeoutMs: 2_000,
  },
  FAST: {
    name: 'FAST',
    title: 'Fast Threading',
    scales: [
      { dims: 96, weight: 0.4 },
      { dims: 192, weight: 0.6 },
    ],
    retrievalK: 6,
    keyword: true,
    graphHop: true,
    spectralK: 2,
    timeoutMs: 4_000,
  },
  FUSED: {
    name: 'FUSED',
    title: 'Fused Threading',
    scales: [
      { dims: 96, weight: 0.25 },
      { dims: 192, weight: 0.35 },
      { dims: 384, weight: 0.4 },
    ],
    retrievalK: 10,
    keyword: true,
    graphHop: true,
    spectralK: 4,
    timeoutMs: 8_000,
  },
};
