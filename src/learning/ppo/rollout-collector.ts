import type { Rng } from '../../shared/index.js';
import type { Environment } from '../envs/types.js';

import type { ActorCritic } from './actor-critic.js';
import type { Rollout } from './rollout.js';

/** One finished episode, as the trainer reports it. */
export interface EpisodeRecord {
  readonly return: number;
  readonly length: number;
  /** The `info` of the episode's last step (e.g. `{ success: 1 }`), empty when it had none. */
  readonly info: Readonly<Record<string, number>>;
}

/** Where the environment stands between rollouts: episodes run on across update boundaries. */
export interface EpisodeCursor {
  observation: Float32Array;
  episodeReturn: number;
  episodeLength: number;
}

export interface CollectorRngs {
  /** Draws each episode's initial state. */
  readonly env: Rng;
  /** Samples the actions. */
  readonly actions: Rng;
}

export function startEpisode(env: Environment, rng: Rng): EpisodeCursor {
  return { observation: env.reset(rng), episodeReturn: 0, episodeLength: 0 };
}

/**
 * Runs the policy for `steps` environment steps from where `cursor` stands, resetting finished
 * episodes, and records what PPO needs. Where an episode is truncated (and at the rollout's
 * end) the value of the observation that followed is recorded for the GAE bootstrap.
 */
export function collectRollout(
  env: Environment,
  policy: ActorCritic,
  cursor: EpisodeCursor,
  steps: number,
  rngs: CollectorRngs,
): { rollout: Rollout; finished: EpisodeRecord[] } {
  const observationSize = env.observationSize;
  const observations = new Float32Array(steps * observationSize);
  const actions: number[] = [];
  const logProbs: number[] = [];
  const values: number[] = [];
  const rewards: number[] = [];
  const terminated: boolean[] = [];
  const truncated: boolean[] = [];
  const lastValues: number[] = [];
  const finished: EpisodeRecord[] = [];
  for (let t = 0; t < steps; t++) {
    observations.set(cursor.observation, t * observationSize);
    const decision = policy.act(cursor.observation, rngs.actions);
    const result = env.step(decision.action);
    actions.push(decision.action);
    logProbs.push(decision.logProb);
    values.push(decision.value);
    rewards.push(result.reward);
    terminated.push(result.terminated);
    truncated.push(result.truncated);
    cursor.episodeReturn += result.reward;
    cursor.episodeLength += 1;
    const episodeOver = result.terminated || result.truncated;
    const needsBootstrap = !result.terminated && (result.truncated || t === steps - 1);
    lastValues.push(needsBootstrap ? policy.predict(result.observation).value : 0);
    if (episodeOver) {
      finished.push({ return: cursor.episodeReturn, length: cursor.episodeLength, info: { ...result.info } });
      Object.assign(cursor, startEpisode(env, rngs.env));
    } else {
      cursor.observation = result.observation;
    }
  }
  const rollout = { observationSize, observations, actions, logProbs, values, rewards, terminated, truncated, lastValues };
  return { rollout, finished };
}
