import type { Rng } from '../shared/index.js';

/** Standard normal by Box-Muller. */
function sampleNormal(rng: Rng): number {
  const u = Math.max(rng.next(), Number.EPSILON);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** Gamma(shape, 1) by Marsaglia-Tsang; shapes below 1 use the boost u^(1/shape). */
export function sampleGamma(shape: number, rng: Rng): number {
  if (shape < 1) {
    return sampleGamma(shape + 1, rng) * Math.pow(Math.max(rng.next(), Number.EPSILON), 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = sampleNormal(rng);
    const v = Math.pow(1 + c * x, 3);
    const u = rng.next();
    if (v > 0 && Math.log(Math.max(u, Number.EPSILON)) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
      return d * v;
    }
  }
}

/** Beta(alpha, beta) as a ratio of gammas. */
export function sampleBeta(alpha: number, beta: number, rng: Rng): number {
  const x = sampleGamma(alpha, rng);
  const y = sampleGamma(beta, rng);
  return x / (x + y);
}
