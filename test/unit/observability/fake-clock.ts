/** A clock tests move by hand; starts on a minute boundary so slice edges are easy to reason about. */
export interface FakeClock {
  readonly clock: () => number;
  readonly advance: (ms: number) => void;
  readonly start: number;
}

export function createFakeClock(start = 1_700_000_040_000): FakeClock {
  let now = start;
  return {
    clock: () => now,
    advance: (ms) => {
      now += ms;
    },
    start,
  };
}
