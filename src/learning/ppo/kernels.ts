/**
 * The arithmetic of PPO as pure functions over plain arrays. The tfjs loss (ppo-loss.ts) uses
 * the same formulas on tensors; these are the reference it is tested against, and what the
 * hand-computed tables in the unit tests check.
 */

/** What GAE needs from a rollout, one entry per environment step, in the order they happened. */
export interface GaeInput {
  readonly rewards: ArrayLike<number>;
  /** V(s_t) as the rollout's policy estimated it. */
  readonly values: ArrayLike<number>;
  /** The episode ended by its own rules at step t: nothing follows, so no bootstrap. */
  readonly terminated: ArrayLike<boolean>;
  /** The episode was cut at step t by a time limit: bootstrap with `lastValues[t]`. */
  readonly truncated: ArrayLike<boolean>;
  /**
   * V of the observation that followed step t. Read only where the rollout cannot use
   * `values[t + 1]`: at truncated steps (the episode's final observation) and at the rollout's
   * last step when it is not terminated (the observation the rollout stopped at).
   */
  readonly lastValues: ArrayLike<number>;
}

export interface GaeResult {
  readonly advantages: number[];
  /** advantages + values: the λ-return targets of the value loss. */
  readonly returns: number[];
}

/**
 * Generalized advantage estimation (Schulman et al. 2016), backwards over the rollout.
 * δ_t = r_t + γ·V_next − V_t and A_t = δ_t + γλ·A_{t+1}, where an episode boundary (terminated,
 * truncated, or the rollout's end) stops A_{t+1} from leaking across it, and V_next is 0 after
 * termination, `lastValues[t]` after truncation or at the rollout's end, else `values[t + 1]`.
 */
export function computeGae(input: GaeInput, gamma: number, lambda: number): GaeResult {
  const { rewards, values, terminated, truncated, lastValues } = input;
  const count = rewards.length;
  const advantages = new Array<number>(count).fill(0);
  let nextAdvantage = 0;
  for (let t = count - 1; t >= 0; t--) {
    const isTerminal = terminated[t] === true;
    const episodeCut = isTerminal || truncated[t] === true || t === count - 1;
    const nextValue = isTerminal ? 0 : episodeCut ? (lastValues[t] ?? 0) : (values[t + 1] ?? 0);
    const delta = (rewards[t] ?? 0) + gamma * nextValue - (values[t] ?? 0);
    const advantage = delta + gamma * lambda * (episodeCut ? 0 : nextAdvantage);
    advantages[t] = advantage;
    nextAdvantage = advantage;
  }
  const returns = advantages.map((advantage, t) => advantage + (values[t] ?? 0));
  return { advantages, returns };
}

/** Below this many samples a standard deviation means nothing, so advantages pass unchanged. */
const MIN_SAMPLES_TO_NORMALIZE = 2;
/** Keeps the division finite when every advantage is equal. */
const NORMALIZE_EPSILON = 1e-8;

/** (a − mean) / (std + 1e-8) with the population standard deviation; one sample is left as is. */
export function normalizeAdvantages(advantages: ArrayLike<number>): number[] {
  const values = Array.from(advantages);
  if (values.length < MIN_SAMPLES_TO_NORMALIZE) {
    return values;
  }
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
  const scale = 1 / (Math.sqrt(variance) + NORMALIZE_EPSILON);
  return values.map((value) => (value - mean) * scale);
}

/** log softmax, shifted by the maximum so large logits do not overflow. */
export function logSoftmax(logits: ArrayLike<number>): number[] {
  const values = Array.from(logits);
  const max = Math.max(...values);
  const logSum = Math.log(values.reduce((sum, logit) => sum + Math.exp(logit - max), 0)) + max;
  return values.map((logit) => logit - logSum);
}

/** Entropy −Σ p log p (nats) of the categorical distribution with these logits. */
export function categoricalEntropy(logits: ArrayLike<number>): number {
  return -logSoftmax(logits).reduce((sum, logProbability) => sum + Math.exp(logProbability) * logProbability, 0);
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/**
 * The clipped surrogate, negated to be a loss: −mean(min(ρ·A, clip(ρ, 1 − ε, 1 + ε)·A)) with
 * ρ = exp(log π_new − log π_old).
 */
export function clippedSurrogateLoss(
  newLogProbs: ArrayLike<number>,
  oldLogProbs: ArrayLike<number>,
  advantages: ArrayLike<number>,
  clipRange: number,
): number {
  const terms = Array.from(newLogProbs, (logProb, i) => {
    const ratio = Math.exp(logProb - (oldLogProbs[i] ?? 0));
    const advantage = advantages[i] ?? 0;
    const clipped = Math.min(Math.max(ratio, 1 - clipRange), 1 + clipRange);
    return Math.min(ratio * advantage, clipped * advantage);
  });
  return -mean(terms);
}

/** Mean squared error between the value head and its targets (no ½ factor: valueCoef carries the scale). */
export function valueLoss(values: ArrayLike<number>, returns: ArrayLike<number>): number {
  return mean(Array.from(values, (value, i) => (value - (returns[i] ?? 0)) ** 2));
}

/**
 * Approximate KL(π_old ‖ π_new) from the sampled actions with the low-variance, never-negative
 * estimator mean((ρ − 1) − log ρ) (Schulman, "Approximating KL divergence", 2020), instead of
 * the unbiased but noisy mean(−log ρ).
 */
export function approxKl(newLogProbs: ArrayLike<number>, oldLogProbs: ArrayLike<number>): number {
  return mean(
    Array.from(newLogProbs, (logProb, i) => {
      const logRatio = logProb - (oldLogProbs[i] ?? 0);
      return Math.expm1(logRatio) - logRatio;
    }),
  );
}

/** One minibatch as the loss sees it: the network's fresh outputs and the rollout's records. */
export interface LossBatch {
  /** Current logits, one row per sample. */
  readonly logits: readonly ArrayLike<number>[];
  /** Current value estimates. */
  readonly values: ArrayLike<number>;
  readonly actions: ArrayLike<number>;
  /** log π_old(a|s) recorded when the action was sampled. */
  readonly oldLogProbs: ArrayLike<number>;
  /** Already normalized if normalization is wanted. */
  readonly advantages: ArrayLike<number>;
  readonly returns: ArrayLike<number>;
}

export interface LossTerms {
  readonly policyLoss: number;
  readonly valueLoss: number;
  readonly entropy: number;
  readonly approxKl: number;
  /** policyLoss + valueCoef·valueLoss − entropyCoef·entropy: what the gradient step minimizes. */
  readonly total: number;
}

export interface LossCoefficients {
  readonly clipRange: number;
  readonly valueCoef: number;
  readonly entropyCoef: number;
}

/** The whole PPO loss of one minibatch, in plain arithmetic. */
export function ppoLoss(batch: LossBatch, coefficients: LossCoefficients): LossTerms {
  const logProbRows = batch.logits.map((row) => logSoftmax(row));
  const newLogProbs = logProbRows.map((row, i) => row[batch.actions[i] ?? 0] ?? 0);
  const policyLoss = clippedSurrogateLoss(newLogProbs, batch.oldLogProbs, batch.advantages, coefficients.clipRange);
  const critic = valueLoss(batch.values, batch.returns);
  const entropy = mean(batch.logits.map((row) => categoricalEntropy(row)));
  return {
    policyLoss,
    valueLoss: critic,
    entropy,
    approxKl: approxKl(newLogProbs, batch.oldLogProbs),
    total: policyLoss + coefficients.valueCoef * critic - coefficients.entropyCoef * entropy,
  };
}
