/** Why a run started: a client's `train` call, or the feedback counter reaching its threshold. */
export type TrainingReason = 'manual' | 'feedback';

export type TrainingStatus = 'RUNNING' | 'DONE' | 'FAILED';

import type { PpoUpdateStats } from '../ppo/index.js';

/** One PPO update of a run, as `trainingProgress` streams it. */
export interface TrainingEvent extends Pick<PpoUpdateStats, 'policyLoss' | 'valueLoss' | 'entropy' | 'approxKl'> {
  readonly runId: string;
  readonly tenant: string;
  /** 1-based index of this update within the run. */
  readonly update: number;
  readonly updates: number;
  /** Mean reward of the batch the run trains on. */
  readonly meanReward: number;
  /** Rewarded weaves in the batch. */
  readonly samples: number;
  readonly done: boolean;
}

/** A training run and how it went. */
export interface TrainingRun {
  readonly id: string;
  readonly tenant: string;
  readonly reason: TrainingReason;
  readonly status: TrainingStatus;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
  readonly samples: number;
  readonly updates: number;
  readonly error: string | null;
  readonly last: TrainingEvent | null;
}
