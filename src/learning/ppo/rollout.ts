import { BadInputError } from '../../shared/index.js';

/**
 * A batch of transitions in the order they happened, one entry per step. Episodes may begin and
 * end anywhere inside it; a server can also pass unrelated one-step episodes (terminated: true).
 */
export interface Rollout {
  readonly observationSize: number;
  /** Row-major [steps, observationSize]: the observation each action was chosen on. */
  readonly observations: Float32Array;
  readonly actions: readonly number[];
  /** log π_old(a|s) when the action was sampled. */
  readonly logProbs: readonly number[];
  /** V_old(s) when the action was sampled. */
  readonly values: readonly number[];
  readonly rewards: readonly number[];
  readonly terminated: readonly boolean[];
  readonly truncated: readonly boolean[];
  /**
   * V of the observation that followed step t, read only where the episode is cut there without
   * terminating: a truncated step, or the rollout's last step. Any number elsewhere (0 is fine).
   */
  readonly lastValues: readonly number[];
}

/** Fails loudly on a rollout whose arrays disagree, instead of training on shifted data. */
export function checkRollout(rollout: Rollout, actionCount: number): number {
  const steps = rollout.actions.length;
  const columns = [rollout.logProbs, rollout.values, rollout.rewards, rollout.terminated, rollout.truncated, rollout.lastValues];
  if (steps === 0 || columns.some((column) => column.length !== steps)) {
    throw new BadInputError(`A rollout needs one or more steps and equally long arrays; got ${steps} actions.`);
  }
  if (rollout.observations.length !== steps * rollout.observationSize) {
    throw new BadInputError(`A rollout of ${steps} steps needs ${steps * rollout.observationSize} observation numbers.`);
  }
  if (!rollout.actions.every((action) => Number.isInteger(action) && action >= 0 && action < actionCount)) {
    throw new BadInputError(`Rollout actions must be integers from 0 to ${actionCount - 1}.`);
  }
  return steps;
}
