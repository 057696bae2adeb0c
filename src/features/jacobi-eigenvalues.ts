/** Sweeps before giving up; cyclic Jacobi converges quadratically, so ~6-10 suffice for n <= 40. */
const MAX_SWEEPS = 64;
const RELATIVE_TOLERANCE = 1e-14;

function offDiagonalSquareSum(a: Float64Array, n: number): number {
  let sum = 0;
  for (let p = 0; p < n; p++) {
    for (let q = p + 1; q < n; q++) {
      sum += (a[p * n + q] ?? 0) ** 2;
    }
  }
  return sum;
}

function frobeniusSquare(a: Float64Array): number {
  let sum = 0;
  for (const value of a) {
    sum += value * value;
  }
  return sum;
}

/** Zeroes a[p][q] (p < q) with one Givens rotation applied from both sides. */
function rotate(a: Float64Array, n: number, p: number, q: number): void {
  const apq = a[p * n + q] ?? 0;
  const app = a[p * n + p] ?? 0;
  const aqq = a[q * n + q] ?? 0;
  const theta = (aqq - app) / (2 * apq);
  // The smaller root of t² + 2θt − 1 = 0 keeps the rotation angle ≤ π/4, which is what converges.
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let r = 0; r < n; r++) {
    if (r === p || r === q) {
      continue;
    }
    const arp = a[r * n + p] ?? 0;
    const arq = a[r * n + q] ?? 0;
    a[r * n + p] = a[p * n + r] = c * arp - s * arq;
    a[r * n + q] = a[q * n + r] = s * arp + c * arq;
  }
  a[p * n + p] = app - t * apq;
  a[q * n + q] = aqq + t * apq;
  a[p * n + q] = a[q * n + p] = 0;
}

function sweep(a: Float64Array, n: number): void {
  for (let p = 0; p < n; p++) {
    for (let q = p + 1; q < n; q++) {
      if ((a[p * n + q] ?? 0) !== 0) {
        rotate(a, n, p, q);
      }
    }
  }
}

/**
 * All eigenvalues of a symmetric n×n matrix (row-major), ascending, by cyclic Jacobi rotations.
 * The input is copied, never modified.
 */
export function symmetricEigenvalues(matrix: Float64Array, n: number): number[] {
  const a = Float64Array.from(matrix);
  const threshold = RELATIVE_TOLERANCE * RELATIVE_TOLERANCE * frobeniusSquare(a);
  for (let i = 0; i < MAX_SWEEPS && offDiagonalSquareSum(a, n) > threshold; i++) {
    sweep(a, n);
  }
  return Array.from({ length: n }, (_, i) => a[i * n + i] ?? 0).sort((x, y) => x - y);
}
