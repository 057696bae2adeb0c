import { Repeater, SlidingBuffer } from '@graphql-yoga/subscription';

import type { MetricsSnapshot } from '../observability/index.js';

/** Snapshots on a timer for the `metrics` subscription. */
export interface MetricsFeed {
  /**
   * A snapshot now, then one every `intervalMs` until the subscriber stops. Subscribers at the
   * same interval share one timer and one snapshot per tick, so a thousand dashboards cost one
   * snapshot per second, not a thousand; a subscriber that reads slowly gets the newest
   * snapshot, never a backlog.
   */
  subscribe(intervalMs: number): AsyncIterableIterator<MetricsSnapshot>;
  /** Subscribers right now (all intervals). */
  subscribers(): number;
  /** Stops every timer and ends every subscription. */
  close(): void;
}

interface Ticker {
  readonly timer: NodeJS.Timeout;
  readonly listeners: Set<(snapshot: MetricsSnapshot) => void>;
}

export function createMetricsFeed(snapshot: () => MetricsSnapshot): MetricsFeed {
  const tickers = new Map<number, Ticker>();
  const stops = new Set<() => void>();

  const join = (intervalMs: number, listener: (snapshot: MetricsSnapshot) => void): (() => void) => {
    let ticker = tickers.get(intervalMs);
    if (ticker === undefined) {
      const listeners = new Set<(snapshot: MetricsSnapshot) => void>();
      const timer = setInterval(() => {
        const current = snapshot();
        listeners.forEach((push) => push(current));
      }, intervalMs);
      // A feed never keeps the process alive on its own.
      timer.unref();
      ticker = { timer, listeners };
      tickers.set(intervalMs, ticker);
    }
    const { listeners, timer } = ticker;
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) {
        clearInterval(timer);
        tickers.delete(intervalMs);
      }
    };
  };

  return {
    subscribe(intervalMs) {
      return new Repeater<MetricsSnapshot>(async (push, stop) => {
        stops.add(stop);
        await push(snapshot());
        const leave = join(intervalMs, (current) => void push(current));
        await stop;
        leave();
        stops.delete(stop);
      }, new SlidingBuffer(1));
    },
    subscribers: () => [...tickers.values()].reduce((sum, ticker) => sum + ticker.listeners.size, 0),
    close() {
      stops.forEach((stop) => stop());
      tickers.forEach(({ timer }) => clearInterval(timer));
      tickers.clear();
    },
  };
}
