import type { Rollout } from '../ppo/rollout.js';
import type { StoredExperience } from '../reflection/index.js';

/** What the rollout needs from the policy being trained: its current view of an observation. */
export type Predict = (observation: Float32Array) => { readonly probabilities: Float32Array; readonly value: number };

/** Keeps a ratio finite when the behaviour policy gave the chosen tool (almost) no probability. */
const MIN_LOG_PROB = Math.log(1e-6);

/**
 * Rewarded weaves as a PPO batch: each is a one-step episode (terminated, nothing to bootstrap)
 * whose return is its reward. The behaviour log-probability is the one stored when the weave
 * decided (motif prior, bandit or network), so the clipped ratio corrects for whoever chose.
 * Values come from the critic being trained: the deciding policy may have had none.
 */
export function rolloutFromReflections(experiences: readonly StoredExperience[], observationSize: number, predict: Predict): Rollout {
  const usable = experiences.filter((experience) => experience.reward !== null && experience.observation.length === observationSize);
  const observations = new Float32Array(usable.length * observationSize);
  usable.forEach((experience, i) => observations.set(experience.observation, i * observationSize));
  return {
    observationSize,
    observations,
    actions: usable.map((experience) => experience.toolIndex),
    logProbs: usable.map((experience) => Math.max(MIN_LOG_PROB, experience.logProb)),
    values: usable.map((experience) => predict(experience.observation).value),
    rewards: usable.map((experience) => experience.reward ?? 0),
    terminated: usable.map(() => true),
    truncated: usable.map(() => false),
    lastValues: usable.map(() => 0),
  };
}
