import type { Rng } from '../../shared/index.js';

/** What one action did to an environment. */
export interface StepResult {
  /** The observation after the action (length `observationSize`). */
  readonly observation: Float32Array;
  readonly reward: number;
  /** The episode ended by the environment's own rules (pole fell, question answered). */
  readonly terminated: boolean;
  /** The episode was cut by a time limit; the value of the next state still counts (bootstrap). */
  readonly truncated: boolean;
  /** Environment-specific facts for reporting, e.g. `{ success: 1 }` for a right tool. */
  readonly info?: Readonly<Record<string, number>>;
}

/**
 * An episodic task with a discrete action space, as the PPO trainer drives it. Implementations
 * are deterministic given the Rng passed to `reset`.
 */
export interface Environment {
  readonly name: string;
  readonly observationSize: number;
  readonly actionCount: number;
  /** Starts a new episode and returns its first observation. */
  reset(rng: Rng): Float32Array;
  /** Applies one action (0 .. actionCount-1) to the current episode. */
  step(action: number): StepResult;
}
