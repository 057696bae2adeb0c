import { gaussian, orthonormalizeColumns, type Rng } from '../../shared/index.js';

/**
 * A rows×cols (row-major) matrix with orthonormal rows or columns (whichever are fewer), times
 * `gain`: orthogonal initialization (Saxe et al. 2014), which keeps activations from shrinking
 * or exploding through the layers. Drawn from `rng`, so a seed fixes the network's start.
 */
export function orthogonalMatrix(rows: number, cols: number, gain: number, rng: Rng): Float32Array {
  const long = Math.max(rows, cols);
  const short = Math.min(rows, cols);
  // Gram-Schmidt on a Gaussian long×short matrix gives a uniformly random orthonormal frame.
  const frame = Float64Array.from({ length: long * short }, () => gaussian(rng));
  orthonormalizeColumns(frame, long, short);
  const matrix = new Float32Array(rows * cols);
  for (let i = 0; i < long; i++) {
    for (let j = 0; j < short; j++) {
      const value = gain * (frame[i * short + j] ?? 0);
      if (rows >= cols) {
        matrix[i * cols + j] = value;
      } else {
        matrix[j * cols + i] = value;
      }
    }
  }
  return matrix;
}

/** The customary gains for tanh trunks in PPO: √2 hidden, 0.01 policy head, 1 value head. */
export const INIT_GAIN = Object.freeze({ hidden: Math.SQRT2, policyHead: 0.01, valueHead: 1 });
