import { describe, expect, it } from 'vitest';

import { createSlidingRate } from '../../../src/observability/index.js';
import { createFakeClock } from './fake-clock.js';

describe('sliding rate', () => {
  it('is zero with no events', () => {
    const { clock, advance } = createFakeClock();
    const rate = createSlidingRate({ clock });
    advance(1_500);
    expect(rate.perSecond(10)).toBe(0);
    expect(rate.perSecond(60)).toBe(0);
  });

  it('reads a steady rate as itself over both windows', () => {
    const { clock, advance } = createFakeClock();
    const rate = createSlidingRate({ clock });
    for (let second = 0; second < 120; second++) {
      for (let i = 0; i < 5; i++) {
        rate.record();
        advance(200);
      }
    }
    // Exactly on a second: 9 whole seconds of 5 events each, and nothing yet in this one.
    expect(rate.perSecond(10)).toBeCloseTo(5, 9);
    expect(rate.perSecond(60)).toBeCloseTo(5, 9);
    advance(500);
    expect(rate.perSecond(10)).toBeCloseTo(45 / 9.5, 9);
  });

  it('tells a recent burst (10 s) from the minute (60 s)', () => {
    const { clock, advance } = createFakeClock();
    const rate = createSlidingRate({ clock });
    const tick = (seconds: number, perSecond: number): void => {
      for (let second = 0; second < seconds; second++) {
        advance(500);
        for (let i = 0; i < perSecond; i++) {
          rate.record();
        }
        advance(500);
      }
    };
    tick(50, 2); // 100 events over the first 50 s
    tick(10, 20); // 200 events over the last 10 s
    advance(-1); // 59.999 s: the window ends just before the next second starts
    expect(rate.perSecond(10)).toBeCloseTo(200 / 9.999, 6);
    expect(rate.perSecond(60)).toBeCloseTo(300 / 59.999, 6);
    advance(60_001);
    expect(rate.perSecond(10)).toBe(0);
    expect(rate.perSecond(60)).toBe(0);
  });

  it('counts the current partial second over the time it has run', () => {
    const { clock, advance } = createFakeClock();
    const rate = createSlidingRate({ clock });
    advance(500);
    rate.record();
    // One event in 9.5 s of window (9 whole seconds before, plus half of this one).
    expect(rate.perSecond(10)).toBeCloseTo(1 / 9.5, 9);
  });
});
