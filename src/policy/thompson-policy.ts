import { TOOL_NAMES, type Rng, type ToolName } from '../shared/index.js';

import { bucketFor } from './motif-prior.js';
import { sampleBeta } from './beta-sampler.js';
import { converge, type ConvergenceStrategy } from './convergence.js';
import type {
  BanditCounts,
  BanditStore,
  Decision,
  PolicyInput,
  ToolEstimate,
  ToolProbabilities,
} from './types.js';

/** Pseudo-observations the prior is worth: enough to route well untrained, few enough to unlearn. */
export const DEFAULT_PRIOR_STRENGTH = 20;

const EMPTY: BanditCounts = { successes: 0, failures: 0, pulls: 0 };

/** Chooses tools and learns from their outcomes. */
export interface Policy {
  readonly name: string;
  decide(input: PolicyInput): Decision;
  /** Feeds back one outcome; `reward01` is the reward mapped to 0..1. */
  recordOutcome(tenant: string, bucket: string, tool: ToolName, reward01: number): void;
  /** Outcome counts per `tenant/bucket/tool` key. */
  counts(): ReadonlyMap<string, BanditCounts>;
}

/** A tenant's trained network, when it has one: tool probabilities for an encoded observation. */
export type NetworkProbabilities = (tenant: string, features: Float32Array) => Record<ToolName, number> | undefined;

export interface ThompsonPolicyOptions {
  readonly probabilities: ToolProbabilities;
  readonly store: BanditStore;
  readonly rng: Rng;
  /** @default DEFAULT_PRIOR_STRENGTH */
  readonly priorStrength?: number;
  /** Once a tenant has a trained network, it and the bandit decide together through `strategy`. */
  readonly network?: NetworkProbabilities;
  /** @default 'EPSILON_GREEDY' */
  readonly strategy?: ConvergenceStrategy;
}

const keyOf = (tenant: string, bucket: string, tool: ToolName): string => `${tenant}/${bucket}/${tool}`;

/**
 * Thompson sampling over Beta posteriors per (bucket, tool), each seeded with the policy
 * probability as `priorStrength` pseudo-observations: Beta(1 + c·p + s, 1 + c·(1−p) + f).
 * The prior routes sensibly from the first query; rewards move the posteriors from there.
 */
export function createThompsonPolicy({
  probabilities,
  store,
  rng,
  priorStrength = DEFAULT_PRIOR_STRENGTH,
  network,
  strategy = 'EPSILON_GREEDY',
}: ThompsonPolicyOptions): Policy {
  const counts = store.load();
  const posterior = (key: string, p: number): [number, number] => {
    const c = counts.get(key) ?? EMPTY;
    return [1 + priorStrength * p + c.successes, 1 + priorStrength * (1 - p) + c.failures];
  };
  return {
    name: `thompson(${probabilities.name})`,
    decide(input) {
      const learned = network?.(input.tenant, input.features);
      const p = learned ?? probabilities.probabilities(input);
      const bucket = bucketFor(input.motifs);
      const draws = TOOL_NAMES.map((tool) => {
        const [alpha, beta] = posterior(keyOf(input.tenant, bucket, tool), p[tool]);
        const estimate: ToolEstimate = { tool, probability: p[tool], banditMean: alpha / (alpha + beta) };
        return { estimate, sample: sampleBeta(alpha, beta, rng) };
      });
      const estimates = draws.map((d) => d.estimate);
      if (learned === undefined) {
        const best = draws.reduce((a, b) => (b.sample > a.sample ? b : a));
        return { tool: best.estimate.tool, estimates, bucket, strategy: 'thompson' };
      }
      const byTool = <T>(value: (i: number) => T): Record<ToolName, T> => Object.fromEntries(TOOL_NAMES.map((tool, i) => [tool, value(i)])) as Record<ToolName, T>;
      const chosen = converge({
        strategy,
        probabilities: learned,
        posteriorMeans: byTool((i) => estimates[i]?.banditMean ?? 0),
        thompsonDraw: () => byTool((i) => draws[i]?.sample ?? 0),
        rng,
      });
      return { tool: chosen.tool, estimates, bucket, strategy: `network:${chosen.strategy}` };
    },
    recordOutcome(tenant, bucket, tool, reward01) {
      const r = Math.min(1, Math.max(0, reward01));
      const key = keyOf(tenant, bucket, tool);
      const c = counts.get(key) ?? EMPTY;
      const next = { successes: c.successes + r, failures: c.failures + (1 - r), pulls: c.pulls + 1 };
      counts.set(key, next);
      store.save(key, next);
    },
    counts: () => counts,
  };
}
