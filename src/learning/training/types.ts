/** Why a run started: a client's `train` call, or the feedback counter reaching its threshold. */
export type TrainingReason = 'manual' | 'feedback';

export type TrainingStatus = 'RUNNING' | 'DONE' | 'FAILED';

/** One PPO update of a run, as `trainingProgress` streams it. */
export interface TrainingEvent {
  readonly runId: string;
  readonly tenant: string;
  /** 1-based index of this update within the run. */
  readonly update: number;
  readonly updates: number;
  readonly policyLoss: number;
  readonly valueLoss: number;
  readonly entropy: number;
  readonly approxKl: number;
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
