import type { ErrorCode, ToolName } from '../../shared/index.js';
import type { PatternName } from '../../spacetime/index.js';

/** One weave's decision as learning needs it, handed over when the weave finishes. */
export interface ReflectionExperience {
  /** The spacetime id, so feedback on the spacetime finds its experience. */
  readonly id: string;
  readonly tenant: string;
  readonly createdAt: Date;
  /** The layout `observation` was encoded with (ENCODING_VERSION at record time). */
  readonly encodingVersion: string;
  readonly observation: Float32Array;
  /** The chosen tool's action index (TOOL_INDEX). */
  readonly toolIndex: number;
  /** The policy's probability for every action, in action order. */
  readonly actionProbabilities: readonly number[] | Float32Array;
  /** log π(chosen | observation) at decision time; PPO's ratio needs it. */
  readonly logProb: number;
  /** The critic's value estimate; null when the deciding policy has no critic. */
  readonly value: number | null;
  readonly pattern: PatternName;
  readonly confidence: number;
  readonly durationMs: number;
  readonly errorCode: ErrorCode | null;
}

/** A stored experience: what was recorded, the tool's name, and the reward once feedback came. */
export interface StoredExperience extends Omit<ReflectionExperience, 'actionProbabilities'> {
  readonly tool: ToolName;
  readonly actionProbabilities: Float32Array;
  /** In [−1, 1] (computeReward's scale); null until feedback arrives. */
  readonly reward: number | null;
}

/** Outcome figures for one group of experiences. */
export interface OutcomeStats {
  /** Experiences recorded (with or without feedback). */
  readonly count: number;
  /** Experiences with a reward. */
  readonly rewarded: number;
  /** Mean reward over the rewarded ones; null when none is. */
  readonly meanReward: number | null;
  /** Share of rewarded experiences whose reward beats the success threshold; null when none is. */
  readonly successRate: number | null;
  /** Means over every recorded experience; null when there is none. */
  readonly meanConfidence: number | null;
  readonly meanDurationMs: number | null;
}

/** A tool's outcomes and the original's recommendation score for it. */
export interface ToolStats extends OutcomeStats {
  /** clip(0.5·successRate + 0.3·meanConfidence + 0.2·min(count/100, 1), 0, 1). */
  readonly recommendation: number;
}

export interface ReflectionStats {
  readonly total: OutcomeStats;
  readonly byTool: Readonly<Record<ToolName, ToolStats>>;
  readonly byPattern: Readonly<Record<PatternName, OutcomeStats>>;
}

/** The original's signal kinds; both failure and exploration advice are threshold adjustments. */
export type LearningSignalType = 'bandit_update' | 'pattern_preference' | 'threshold_adjustment';

/** Advice derived from recent outcomes; callers decide whether to act on it. */
export interface LearningSignal {
  readonly type: LearningSignalType;
  readonly tool: ToolName | null;
  readonly pattern: PatternName | null;
  /** The mean reward the signal is about, on the stored [−1, 1] scale; null for exploration advice. */
  readonly reward: number | null;
  readonly recommendation: string;
  readonly evidence: Readonly<Record<string, number>>;
  /** 0.8 bandit update, 0.7 failing tool, 0.6 pattern preference, 0.5 exploration. */
  readonly priority: number;
}
