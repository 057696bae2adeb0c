/** A source of uniform numbers in [0, 1); seeded in tests, Math.random in production. */
export interface Rng {
  next(): number;
}

/** Small, fast, well-distributed 32-bit generator (mulberry32) for reproducible sampling. */
export function createSeededRng(seed: number): Rng {
  let state = seed >>> 0;
  return {
    next(): number {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    },
  };
}

/** The production generator. */
export const mathRandomRng: Rng = { next: () => Math.random() };
