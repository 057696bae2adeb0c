import type { Rollout } from '../ppo/rollout.js';
import type { StoredExperience } from '../reflection/index.js';

/** What the rollout needs from the policy being trained: its current view of an observation. */
export type Predict = (observation: Float32Array) => { readonly probabilities: Float32Array; readonly value: number };

/** Keeps a ratio finite when the network gives the chosen tool (almost) no probability. */
const MIN_LOG_PROB = Math.log(1e-6);

/**
 * Rewarded weaves as a PPO batch: each is a one-step episode (terminated, nothing to bootstrap)
 * whose return is its reward. The reference ("old") policy of the ratio is the network as it is
 * now, not the one that chose when the weave ran: most weaves were chosen by the motif prior or
 * the bandit, and against their fixed log-probabilities the clip would cap everything a run can
 * learn at one 20% step. Re-anchoring each update lets a run take several clipped steps; the
 * logged choices still decide which actions are seen, as in advantage-weighted learning from logs.
 * Values come from the critic being trained.
 */
export function rolloutFromReflections(experiences: readonly StoredExperience[], observationSize: number, predict: Predict): Rollout {
  const usable = experiences.filter((experience) => experience.reward !== null && experience.observation.length === observationSize);
  const observations = new Float32Array(usable.length * observationSize);
  usable.forEach((experience, i) => observations.set(experience.observation, i * observationSize));
  const rows = usable.map((experience) => ({ experience, prediction: predict(experience.observation) }));
  return {
    observationSize,
    observations,
    actions: usable.map((experience) => experience.toolIndex),
    logProbs: rows.map(({ experience, prediction }) => Math.max(MIN_LOG_PROB, Math.log(prediction.probabilities[experience.toolIndex] ?? 0))),
    values: rows.map(({ prediction }) => prediction.value),
    rewards: usable.map((experience) => experience.reward ?? 0),
    terminated: usable.map(() => true),
    truncated: usable.map(() => false),
    lastValues: usable.map(() => 0),
  };
}
