import type { Spacetime } from '../spacetime/index.js';

/** What a client says about one spacetime. */
export interface Feedback {
  /** 1..5 stars; when given it decides the reward alone, as in the original. */
  readonly rating?: number | null;
  /** Whether the answer did its job; stands in for the quality score. */
  readonly success?: boolean | null;
  /** Free text, stored with the reward. */
  readonly comment?: string | null;
}

/** The original's reward weights, penalties and time budget. */
export const REWARD = {
  confidenceWeight: 0.6,
  qualityWeight: 0.3,
  efficiencyWeight: 0.1,
  errorPenalty: 0.5,
  slowPenalty: 0.3,
  budgetMs: 1_000,
} as const;

const clip = (value: number): number => Math.max(-1, Math.min(1, value));

/** 1 at 0 ms, 0 at the budget, down to −0.5 at twice the budget. */
function efficiency(durationMs: number): number {
  return durationMs <= REWARD.budgetMs
    ? 1 - durationMs / REWARD.budgetMs
    : -0.5 * Math.min((durationMs - REWARD.budgetMs) / REWARD.budgetMs, 1);
}

/**
 * Reward in [−1, 1]. A person's verdict decides alone: a rating r maps to r/5·2 − 1, a `success`
 * flag to ±1. Without either, the original's formula scores the weave itself: 0.6·confidence +
 * 0.3·quality + 0.1·efficiency − 0.5 per error − 0.3 beyond twice the budget, with the
 * confidence standing in for quality.
 */
export function computeReward(spacetime: Spacetime, feedback: Feedback): number {
  if (feedback.rating !== undefined && feedback.rating !== null) {
    return clip((feedback.rating / 5) * 2 - 1);
  }
  if (feedback.success !== undefined && feedback.success !== null) {
    return feedback.success ? 1 : -1;
  }
  const quality = spacetime.confidence;
  const errors = spacetime.error === null ? 0 : 1;
  const slow = spacetime.durationMs > 2 * REWARD.budgetMs ? REWARD.slowPenalty : 0;
  return clip(
    REWARD.confidenceWeight * spacetime.confidence +
      REWARD.qualityWeight * quality +
      REWARD.efficiencyWeight * efficiency(spacetime.durationMs) -
      REWARD.errorPenalty * errors -
      slow,
  );
}

/** Maps a reward in [−1, 1] to the bandit's [0, 1] success mass. */
export const rewardToUnit = (reward: number): number => (reward + 1) / 2;
