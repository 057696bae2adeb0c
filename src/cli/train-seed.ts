import type { Environment } from '../learning/index.js';
import { trainOnEnvironment, type ActorCritic, type EpisodeRecord, type PpoConfig, type PpoUpdate } from '../learning/ppo/index.js';
import { systemClock, type Clock } from '../shared/index.js';

/** One point of a learning curve, taken after each PPO update. */
export interface CurveSample {
  /** Environment steps (CartPole) or episodes (tool choice) so far. */
  readonly x: number;
  /** The windowed metric: mean return or success rate over the last `window` episodes. */
  readonly y: number;
  readonly approxKl: number;
  readonly entropy: number;
}

/** What the curve measures and when the run counts as having reached its goal. */
export interface TrainingGoal {
  /** Episodes in the moving window. */
  readonly window: number;
  /** The bar the window's metric has to reach, with a full window. */
  readonly target: number;
  /** The metric of one episode (its return, or 1/0 for a right/wrong tool); the window averages it. */
  readonly episodeMetric: (episode: EpisodeRecord) => number;
  /** The curve's x for an update: steps or episodes. */
  readonly progressOf: (update: PpoUpdate) => number;
}

export interface SeedTrainingOptions {
  readonly env: Environment;
  readonly seed: number;
  readonly maxSteps: number;
  readonly config: Partial<PpoConfig>;
  readonly goal: TrainingGoal;
  /** The network to train; a fresh MLP (seeded by `seed`) when absent. */
  readonly policy?: ActorCritic;
  readonly onSample?: (sample: CurveSample) => void;
  readonly clock?: Clock;
}

export interface SeedTrainingResult {
  readonly seed: number;
  /** Curve x when the full window first reached the target; null if it never did. */
  readonly reachedAt: number | null;
  readonly secondsToTarget: number | null;
  /** Wall-clock seconds of the whole run. */
  readonly seconds: number;
  /** The window's metric when the run ended. */
  readonly finalMetric: number;
  readonly episodes: number;
  readonly steps: number;
  readonly curve: CurveSample[];
}

/** Mean of the metric over the last `window` episodes (fewer at the start); NaN before any. */
export function windowMetric(episodes: readonly EpisodeRecord[], goal: Pick<TrainingGoal, 'window' | 'episodeMetric'>): number {
  const recent = episodes.slice(-goal.window);
  return recent.length === 0 ? Number.NaN : recent.reduce((sum, episode) => sum + goal.episodeMetric(episode), 0) / recent.length;
}

/**
 * Trains one seed for its whole budget (a curve that stops at the target would hide whether the
 * policy stays there), recording the windowed metric after every update and when the target
 * was first reached. The caller owns the returned policy and disposes it.
 */
export async function trainSeed(options: SeedTrainingOptions): Promise<SeedTrainingResult & { readonly policy: ActorCritic }> {
  const { goal, clock = systemClock } = options;
  const started = clock.monotonicMs();
  const curve: CurveSample[] = [];
  // Written by the stopWhen callback; an object so the assignment stays visible after the await.
  const reached: { at?: number; seconds?: number } = {};
  const record = (update: PpoUpdate, finished: readonly EpisodeRecord[]): void => {
    const sample = { x: goal.progressOf(update), y: windowMetric(finished, goal), approxKl: update.approxKl, entropy: update.entropy };
    curve.push(sample);
    options.onSample?.(sample);
    if (reached.at === undefined && finished.length >= goal.window && sample.y >= goal.target) {
      reached.at = sample.x;
      reached.seconds = (clock.monotonicMs() - started) / 1000;
    }
  };
  const { policy, updates, episodes } = await trainOnEnvironment({
    env: options.env,
    seed: options.seed,
    maxSteps: options.maxSteps,
    config: options.config,
    ...(options.policy === undefined ? {} : { policy: options.policy }),
    stopWhen: (update, finished) => {
      record(update, finished);
      return false;
    },
  });
  // The trainer does not ask stopWhen on its last update (the budget ends it), so record that one here.
  const last = updates.at(-1);
  if (last !== undefined && curve.at(-1)?.x !== goal.progressOf(last)) {
    record(last, episodes);
  }
  return {
    policy,
    seed: options.seed,
    reachedAt: reached.at ?? null,
    secondsToTarget: reached.seconds ?? null,
    seconds: (clock.monotonicMs() - started) / 1000,
    finalMetric: windowMetric(episodes, goal),
    episodes: episodes.length,
    steps: updates.at(-1)?.samples ?? 0,
    curve,
  };
}
