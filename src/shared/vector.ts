/** Dense float vectors and the few operations every module needs. */
export type Vector = Float32Array;

/** Dot product over the shorter of the two lengths. */
export function dot(a: Vector, b: Vector): number {
  const n = Math.min(a.length, b.length);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += (a[i] ?? 0) * (b[i] ?? 0);
  }
  return sum;
}

/** Euclidean norm. */
export function norm(a: Vector): number {
  return Math.sqrt(dot(a, a));
}

/** A unit-length copy (the zero vector stays zero). */
export function normalize(a: Vector): Vector {
  const length = norm(a);
  const out = new Float32Array(a.length);
  if (length === 0) {
    return out;
  }
  for (let i = 0; i < a.length; i++) {
    out[i] = (a[i] ?? 0) / length;
  }
  return out;
}

/** Cosine similarity; 0 when either vector is zero. */
export function cosine(a: Vector, b: Vector): number {
  const denominator = norm(a) * norm(b);
  return denominator === 0 ? 0 : dot(a, b) / denominator;
}

/** First `dims` components, re-normalized: the Matryoshka view of a vector. */
export function truncateNormalize(a: Vector, dims: number): Vector {
  return normalize(a.subarray(0, Math.min(dims, a.length)));
}
