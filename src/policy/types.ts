import type { MotifName, ToolName } from '../shared/index.js';

/** A detected motif and how strongly its cue fired (0..1). */
export interface ScoredMotif {
  readonly name: MotifName;
  readonly score: number;
}

/** What the policy sees of one query. */
export interface PolicyInput {
  /** Posteriors are learned per tenant: one tenant's ratings never steer another's routing. */
  readonly tenant: string;
  readonly motifs: readonly ScoredMotif[];
  /** Encoded observation for learned policies; the motif prior ignores it. */
  readonly features: Float32Array;
}

/** One tool's standing in a decision. */
export interface ToolEstimate {
  readonly tool: ToolName;
  /** Policy probability (prior or network). */
  readonly probability: number;
  /** Posterior mean of the Thompson bandit in this bucket. */
  readonly banditMean: number;
}

/** The chosen tool and everything that went into choosing it. */
export interface Decision {
  readonly tool: ToolName;
  readonly estimates: readonly ToolEstimate[];
  /** Context bucket whose posteriors were sampled (the query's leading motif). */
  readonly bucket: string;
  readonly strategy: string;
}

/** Tool probabilities for a query: the motif prior now, a trained network later. */
export interface ToolProbabilities {
  readonly name: string;
  probabilities(input: PolicyInput): Record<ToolName, number>;
}

/** Per-bucket, per-tool outcome mass, as persisted. */
export interface BanditCounts {
  readonly successes: number;
  readonly failures: number;
  readonly pulls: number;
}

/** Where bandit outcomes are kept between restarts. */
export interface BanditStore {
  load(): Map<string, BanditCounts>;
  save(key: string, counts: BanditCounts): void;
}
