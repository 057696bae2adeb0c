import { TOOL_NAMES, type ToolName } from '../../shared/index.js';
import type { PatternName } from '../../spacetime/index.js';
import { rewardToUnit } from '../rewards.js';

import type { LearningSignal } from './types.js';

/** The original buffer's analysis thresholds and priorities (HOLOLOOM-ORIGINAL.md §6.2). */
export const SIGNAL_RULES = {
  /** Most recent rewarded experiences analysed. */
  window: 100,
  /** Below this many rewarded experiences in the window there is no advice at all. */
  minEpisodes: 10,
  banditMinEpisodes: 3,
  patternMinEpisodes: 5,
  /** Failing-tool advice needs this many failures in the window … */
  failureMinTotal: 5,
  /** … and, per tool, this many uses and a failure rate above this. */
  failureMinUses: 5,
  failureRate: 0.5,
  explorationMinEpisodes: 20,
  /** Normalized tool entropy below this means the policy has stopped exploring. */
  explorationEntropy: 0.5,
  priority: { bandit: 0.8, failingTool: 0.7, pattern: 0.6, exploration: 0.5 },
} as const;

/** The part of a rewarded experience the analysis reads. */
export interface RewardedEpisode {
  readonly tool: ToolName;
  readonly pattern: PatternName;
  readonly reward: number;
  readonly durationMs: number;
}

const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;

function groupBy<K extends string>(episodes: readonly RewardedEpisode[], key: (episode: RewardedEpisode) => K): Map<K, RewardedEpisode[]> {
  const groups = new Map<K, RewardedEpisode[]>();
  for (const episode of episodes) {
    groups.set(key(episode), [...(groups.get(key(episode)) ?? []), episode]);
  }
  return groups;
}

/** Per tool with ≥ 3 episodes: its reward distribution, for a bandit to absorb. */
function banditUpdates(byTool: Map<ToolName, RewardedEpisode[]>): LearningSignal[] {
  return TOOL_NAMES.flatMap((tool) => {
    const rewards = (byTool.get(tool) ?? []).map((episode) => episode.reward);
    if (rewards.length < SIGNAL_RULES.banditMinEpisodes) {
      return [];
    }
    const average = mean(rewards);
    const std = Math.sqrt(mean(rewards.map((reward) => (reward - average) ** 2)));
    return [
      {
        type: 'bandit_update',
        tool,
        pattern: null,
        reward: average,
        recommendation: `Update ${tool}'s bandit arm with mean reward ${average.toFixed(3)} over ${rewards.length} episodes.`,
        evidence: { n: rewards.length, mean: average, std, min: Math.min(...rewards), max: Math.max(...rewards) },
        priority: SIGNAL_RULES.priority.bandit,
      },
    ];
  });
}

/**
 * The pattern with the best mean reward per unit time, mean/(1 + 0.1·seconds), among patterns
 * with ≥ 5 episodes. The mean is taken on the original's [0, 1] scale ((r+1)/2): on [−1, 1] a
 * negative mean would score better the slower the pattern.
 */
function patternPreference(episodes: readonly RewardedEpisode[]): LearningSignal[] {
  const scored = [...groupBy(episodes, (episode) => episode.pattern)]
    .filter(([, group]) => group.length >= SIGNAL_RULES.patternMinEpisodes)
    .map(([pattern, group]) => {
      const meanReward = mean(group.map((episode) => episode.reward));
      const meanDurationMs = mean(group.map((episode) => episode.durationMs));
      return { pattern, n: group.length, meanReward, meanDurationMs, score: rewardToUnit(meanReward) / (1 + 0.1 * (meanDurationMs / 1_000)) };
    });
  const best = scored.reduce<(typeof scored)[number] | undefined>((top, next) => (top === undefined || next.score > top.score ? next : top), undefined);
  if (best === undefined) {
    return [];
  }
  const { pattern, ...evidence } = best;
  return [
    {
      type: 'pattern_preference',
      tool: null,
      pattern,
      reward: best.meanReward,
      recommendation: `Prefer the ${pattern} pattern (score ${best.score.toFixed(3)} of ${scored.length} eligible).`,
      evidence: { ...evidence, candidates: scored.length },
      priority: SIGNAL_RULES.priority.pattern,
    },
  ];
}

/** Tools failing more than half the time, once the window holds ≥ 5 failures. */
function failingTools(byTool: Map<ToolName, RewardedEpisode[]>, isSuccess: (reward: number) => boolean): LearningSignal[] {
  const failures = [...byTool.values()].flat().filter((episode) => !isSuccess(episode.reward)).length;
  if (failures < SIGNAL_RULES.failureMinTotal) {
    return [];
  }
  return TOOL_NAMES.flatMap((tool) => {
    const group = byTool.get(tool) ?? [];
    const failed = group.filter((episode) => !isSuccess(episode.reward)).length;
    const rate = group.length === 0 ? 0 : failed / group.length;
    if (group.length < SIGNAL_RULES.failureMinUses || rate <= SIGNAL_RULES.failureRate) {
      return [];
    }
    return [
      {
        type: 'threshold_adjustment',
        tool,
        pattern: null,
        reward: mean(group.map((episode) => episode.reward)),
        recommendation: `${tool} fails ${(rate * 100).toFixed(0)}% of the time: raise the confidence needed to pick it.`,
        evidence: { n: group.length, failures: failed, failureRate: rate },
        priority: SIGNAL_RULES.priority.failingTool,
      },
    ];
  });
}

/** Warns when ≥ 20 episodes concentrate on few tools: entropy/ln(distinct tools) < 0.5 (one tool = 0). */
function explorationWarning(byTool: Map<ToolName, RewardedEpisode[]>, total: number): LearningSignal[] {
  if (total < SIGNAL_RULES.explorationMinEpisodes) {
    return [];
  }
  const shares = [...byTool.values()].map((group) => group.length / total);
  const entropy = -shares.reduce((sum, p) => sum + p * Math.log(p), 0);
  const normalized = shares.length <= 1 ? 0 : entropy / Math.log(shares.length);
  if (normalized >= SIGNAL_RULES.explorationEntropy) {
    return [];
  }
  return [
    {
      type: 'threshold_adjustment',
      tool: null,
      pattern: null,
      reward: null,
      recommendation: `Tool choice has narrowed (normalized entropy ${normalized.toFixed(2)}): explore more.`,
      evidence: { n: total, entropy, normalizedEntropy: normalized, distinctTools: shares.length },
      priority: SIGNAL_RULES.priority.exploration,
    },
  ];
}

/**
 * The original buffer's learning signals over recent rewarded episodes (the caller passes at most
 * SIGNAL_RULES.window of them), highest priority first; none below SIGNAL_RULES.minEpisodes.
 */
export function deriveLearningSignals(
  episodes: readonly RewardedEpisode[],
  isSuccess: (reward: number) => boolean,
): LearningSignal[] {
  if (episodes.length < SIGNAL_RULES.minEpisodes) {
    return [];
  }
  const byTool = groupBy(episodes, (episode) => episode.tool);
  return [
    ...banditUpdates(byTool),
    ...failingTools(byTool, isSuccess),
    ...patternPreference(episodes),
    ...explorationWarning(byTool, episodes.length),
  ].sort((a, b) => b.priority - a.priority);
}
