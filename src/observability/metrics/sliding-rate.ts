import { monotonicEpochMs } from './weave-record.js';

/** Events per second over the last few seconds, without timers. */
export interface SlidingRate {
  /** `now` lets a caller feeding several series read the clock once. @default clock() */
  record(now?: number): void;
  /** Events per second over the last `windowSeconds` (1 to the rate's horizon). */
  perSecond(windowSeconds: number): number;
}

/**
 * One counter per second in a ring as long as the horizon (default 60 s). The window ends now
 * and starts at the beginning of the oldest whole second it covers, so it spans
 * `windowSeconds - 1` whole seconds plus the elapsed part of the current one; dividing by that
 * span (not by `windowSeconds`) keeps a steady rate steady instead of dipping each second.
 */
export function createSlidingRate({ clock = monotonicEpochMs, horizonSeconds = 60 } = {}): SlidingRate {
  const counts = new Float64Array(horizonSeconds);
  const seconds = new Float64Array(horizonSeconds).fill(-Infinity);
  const slotOf = (second: number): number => ((second % horizonSeconds) + horizonSeconds) % horizonSeconds;

  return {
    record(now = clock()) {
      const second = Math.floor(now / 1000);
      const slot = slotOf(second);
      if (seconds[slot] !== second) {
        seconds[slot] = second;
        counts[slot] = 0;
      }
      counts[slot] = (counts[slot] ?? 0) + 1;
    },
    perSecond(windowSeconds) {
      const window = Math.min(Math.max(Math.floor(windowSeconds), 1), horizonSeconds);
      const now = clock();
      const second = Math.floor(now / 1000);
      let events = 0;
      for (let slot = 0; slot < horizonSeconds; slot++) {
        const at = seconds[slot] ?? -Infinity;
        if (at > second - window && at <= second) {
          events += counts[slot] ?? 0;
        }
      }
      const spanSeconds = window - 1 + (now - second * 1000) / 1000;
      return spanSeconds > 0 ? events / spanSeconds : 0;
    },
  };
}
