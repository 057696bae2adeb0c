import { Presets, SingleBar } from 'cli-progress';

/** Where a benchmark reports how far it has got; phases restart the count. */
export interface BenchProgress {
  /** Starts (or moves on to) a phase of `total` steps. */
  phase(label: string, total: number): void;
  advance(steps?: number): void;
  stop(): void;
}

/** For tests and callers that want no output. */
export const silentProgress: BenchProgress = {
  phase: () => undefined,
  advance: () => undefined,
  stop: () => undefined,
};

/** Without a terminal (CI logs, a pipe), a plain line this often instead of a redrawn bar. */
const LOG_LINE_INTERVAL_MS = 10_000;

/**
 * A bar on stderr, so stdout keeps only the report. cli-progress (already used by `train`) draws
 * and throttles it, fits it to the terminal and falls back to periodic lines without one.
 */
export function createBenchProgress(stream: NodeJS.WriteStream = process.stderr): BenchProgress {
  const bar = new SingleBar(
    {
      format: '{phase} {bar} {value}/{total} | {duration_formatted}',
      stream,
      hideCursor: true,
      clearOnComplete: true,
      noTTYOutput: !stream.isTTY,
      notTTYSchedule: LOG_LINE_INTERVAL_MS,
    },
    Presets.shades_classic,
  );
  let running = false;
  return {
    phase(label, total) {
      const phase = label.padEnd(24);
      if (running) {
        bar.setTotal(total);
        bar.update(0, { phase });
      } else {
        bar.start(total, 0, { phase });
        running = true;
      }
    },
    advance(steps = 1) {
      bar.increment(steps);
    },
    stop() {
      if (running) {
        bar.stop();
        running = false;
      }
    },
  };
}
