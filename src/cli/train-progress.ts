import { Presets, SingleBar } from 'cli-progress';

import type { CurveSample } from './train-seed.js';

/** A progress bar per seed on stderr, so stdout keeps only the results. */
export interface TrainingProgress {
  startSeed(seed: number, total: number): void;
  sample(sample: CurveSample): void;
  endSeed(): void;
}

export interface TrainingProgressOptions {
  /** What the bar counts: "steps" or "episodes". */
  readonly unit: string;
  /** Name of the windowed metric, e.g. "mean return (last 100)". */
  readonly metricLabel: string;
  readonly formatMetric: (value: number) => string;
  /** @default process.stderr */
  readonly stream?: NodeJS.WriteStream;
}

/** Without a terminal (CI logs, a pipe), a plain line this often instead of a redrawn bar. */
const LOG_LINE_INTERVAL_MS = 10_000;

const formatSmall = (value: number): string => (Number.isFinite(value) ? value.toFixed(4) : '–');

/**
 * cli-progress draws and throttles the bar, fits it to the terminal's width and falls back to
 * periodic lines when stderr is not a terminal; the payload carries the PPO figures.
 */
export function createTrainingProgress(options: TrainingProgressOptions): TrainingProgress {
  const stream = options.stream ?? process.stderr;
  const bar = new SingleBar(
    {
      format: `seed {seed} {bar} {value}/{total} ${options.unit} | ${options.metricLabel} {metric} | KL {kl} | entropy {entropy} | {duration_formatted}`,
      stream,
      hideCursor: true,
      clearOnComplete: false,
      noTTYOutput: !stream.isTTY,
      notTTYSchedule: LOG_LINE_INTERVAL_MS,
    },
    Presets.shades_classic,
  );
  let seed = 0;
  return {
    startSeed(next, total) {
      seed = next;
      bar.start(total, 0, { seed, metric: '–', kl: '–', entropy: '–' });
    },
    sample(sample) {
      bar.update(sample.x, {
        seed,
        metric: Number.isFinite(sample.y) ? options.formatMetric(sample.y) : '–',
        kl: formatSmall(sample.approxKl),
        entropy: formatSmall(sample.entropy),
      });
    },
    endSeed() {
      bar.stop();
    },
  };
}
