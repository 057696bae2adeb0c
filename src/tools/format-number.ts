const SIGNIFICANT_DIGITS = 10;

/** Integers as they are ("391"); other numbers to at most 10 significant digits ("0.3333333333"). */
export function formatNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < Number.MAX_SAFE_INTEGER) {
    return String(value);
  }
  // Number() drops the trailing zeros toPrecision pads with ("0.3000000000" → "0.3").
  return String(Number(value.toPrecision(SIGNIFICANT_DIGITS)));
}
