/** A confidence in 0..1, rounded to two decimals so responses and traces stay readable. */
export function toConfidence(value: number): number {
  if (!Number.isFinite(value)) {
    return 0;
  }
  return Math.round(Math.min(1, Math.max(0, value)) * 100) / 100;
}
