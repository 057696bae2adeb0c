import { TOOL_NAMES, type Rng, type ToolName } from '../shared/index.js';

/**
 * How a decision combines the network's tool probabilities with the bandit (the original's
 * convergence engine, §1.8 of its notes, made to persist: here the bandit is the tenant's learned
 * posteriors instead of a fresh Beta(1, 1) per weave).
 */
export type ConvergenceStrategy = 'EPSILON_GREEDY' | 'BAYESIAN_BLEND' | 'PURE_THOMPSON';

export const CONVERGENCE_STRATEGIES: readonly ConvergenceStrategy[] = ['EPSILON_GREEDY', 'BAYESIAN_BLEND', 'PURE_THOMPSON'];

/** The original's constants: ε 0.1, blend 0.7 network + 0.3 bandit. */
export const CONVERGENCE_DEFAULTS = { epsilon: 0.1, networkWeight: 0.7 } as const;

export interface ConvergenceInput {
  readonly strategy: ConvergenceStrategy;
  /** The network's probability per tool (need not sum to 1; normalized here). */
  readonly probabilities: Readonly<Record<ToolName, number>>;
  /** The bandit's posterior mean per tool. */
  readonly posteriorMeans: Readonly<Record<ToolName, number>>;
  /** One Thompson draw per tool from the bandit's posteriors (called only when a strategy samples). */
  readonly thompsonDraw: () => Readonly<Record<ToolName, number>>;
  readonly rng: Rng;
  /** @default CONVERGENCE_DEFAULTS.epsilon */
  readonly epsilon?: number;
  /** @default CONVERGENCE_DEFAULTS.networkWeight */
  readonly networkWeight?: number;
}

export interface Convergence {
  readonly tool: ToolName;
  /** The chosen tool's score under the strategy (probability, blend or posterior mean). */
  readonly confidence: number;
  /** What happened, e.g. `epsilon_exploit`, `epsilon_explore`, `bayesian_blend`, `pure_thompson`. */
  readonly strategy: string;
}

function normalized(scores: Readonly<Record<ToolName, number>>): Record<ToolName, number> {
  const total = TOOL_NAMES.reduce((sum, tool) => sum + Math.max(0, scores[tool]), 0);
  return Object.fromEntries(TOOL_NAMES.map((tool) => [tool, total > 0 ? Math.max(0, scores[tool]) / total : 1 / TOOL_NAMES.length])) as Record<
    ToolName,
    number
  >;
}

/** The best tool; ties go to the earlier tool in TOOL_NAMES order, so decisions are reproducible. */
function argmax(scores: Readonly<Record<ToolName, number>>): ToolName {
  return TOOL_NAMES.reduce((best, tool) => (scores[tool] > scores[best] ? tool : best));
}

/**
 * Picks the tool. EPSILON_GREEDY exploits the network (argmax) and, with probability ε, explores
 * by a Thompson draw; BAYESIAN_BLEND takes the argmax of w·p + (1 − w)·posterior mean;
 * PURE_THOMPSON ignores the network. The original also added Gumbel noise to every strategy,
 * which made even its greedy choice random; here only the exploration steps are random.
 */
export function converge(input: ConvergenceInput): Convergence {
  const p = normalized(input.probabilities);
  switch (input.strategy) {
    case 'EPSILON_GREEDY': {
      if (input.rng.next() < (input.epsilon ?? CONVERGENCE_DEFAULTS.epsilon)) {
        const tool = argmax(input.thompsonDraw());
        return { tool, confidence: p[tool], strategy: 'epsilon_explore' };
      }
      const tool = argmax(p);
      return { tool, confidence: p[tool], strategy: 'epsilon_exploit' };
    }
    case 'BAYESIAN_BLEND': {
      const w = input.networkWeight ?? CONVERGENCE_DEFAULTS.networkWeight;
      const blend = Object.fromEntries(TOOL_NAMES.map((tool) => [tool, w * p[tool] + (1 - w) * input.posteriorMeans[tool]])) as Record<ToolName, number>;
      const tool = argmax(blend);
      return { tool, confidence: blend[tool], strategy: 'bayesian_blend' };
    }
    case 'PURE_THOMPSON': {
      const tool = argmax(input.thompsonDraw());
      return { tool, confidence: input.posteriorMeans[tool], strategy: 'pure_thompson' };
    }
  }
}
