import { afterEach, describe, expect, it } from 'vitest';

import { createMetricsFeed, type MetricsFeed } from '../../../src/app/metrics-feed.js';
import type { MetricsSnapshot } from '../../../src/observability/index.js';

/** A stand-in snapshot whose `weaves` counts how many snapshots were taken. */
function counter(): { taken: () => number; snapshot: () => MetricsSnapshot } {
  let taken = 0;
  return { taken: () => taken, snapshot: () => ({ weaves: ++taken }) as unknown as MetricsSnapshot };
}

describe('metrics feed', () => {
  let feed: MetricsFeed | undefined;

  afterEach(() => {
    feed?.close();
  });

  it('sends a snapshot at once, then one per tick shared by every subscriber at that interval', async () => {
    const source = counter();
    feed = createMetricsFeed(source.snapshot);
    const subscribers = Array.from({ length: 50 }, () => feed!.subscribe(50));
    const firsts = await Promise.all(subscribers.map((iterator) => iterator.next()));
    const takenAfterFirsts = source.taken();
    const seconds = await Promise.all(subscribers.map((iterator) => iterator.next()));

    expect(firsts.every((result) => result.done === false)).toBe(true);
    expect(takenAfterFirsts).toBe(50);
    // One tick served all fifty: they all got the same snapshot.
    expect(new Set(seconds.map((result) => (result.value as MetricsSnapshot).weaves)).size).toBe(1);
    expect(source.taken()).toBeLessThanOrEqual(52);
    expect(feed.subscribers()).toBe(50);

    await Promise.all(subscribers.map(async (iterator) => iterator.return?.()));
    expect(feed.subscribers()).toBe(0);
  });

  it('keeps only the newest snapshot for a subscriber that does not read, and ends every subscription on close', async () => {
    const source = counter();
    feed = createMetricsFeed(source.snapshot);
    const slow = feed.subscribe(10);
    await slow.next();
    await new Promise((resolve) => setTimeout(resolve, 120));
    const next = await slow.next();
    feed.close();

    expect((next.value as MetricsSnapshot).weaves).toBeGreaterThan(5);
    expect((await slow.next()).done).toBe(true);
  });
});
