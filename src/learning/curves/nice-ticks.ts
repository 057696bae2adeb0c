/** Tick positions a reader can add up in their head: steps of 1, 2 or 5 times a power of ten. */
export function niceStep(span: number, approxCount: number): number {
  if (!(span > 0) || !Number.isFinite(span)) {
    return 1;
  }
  const raw = span / Math.max(1, approxCount);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const residual = raw / magnitude;
  const factor = residual > 5 ? 10 : residual > 2 ? 5 : residual > 1 ? 2 : 1;
  return factor * magnitude;
}

/** Drops the float noise of repeated multiples (0.30000000000000004 → 0.3). */
const tidy = (value: number): number => Number(value.toPrecision(12));

/** [min, max] widened outwards to whole nice steps, so the axis ends on a labelled tick. */
export function niceDomain(min: number, max: number, approxCount = 5): [number, number] {
  if (!(max > min)) {
    return [min - 1, min + 1];
  }
  const step = niceStep(max - min, approxCount);
  return [tidy(Math.floor(min / step) * step), tidy(Math.ceil(max / step) * step)];
}

/** The nice ticks inside [min, max], both ends included when they fall on a step. */
export function niceTicks(min: number, max: number, approxCount = 5): number[] {
  if (!(max > min)) {
    return [min];
  }
  const step = niceStep(max - min, approxCount);
  const ticks: number[] = [];
  // A relative slack so a max that is a multiple of step, give or take rounding, still gets its tick.
  const end = max + step * 1e-9;
  for (let tick = Math.ceil(min / step) * step; tick <= end; tick += step) {
    ticks.push(tidy(tick));
  }
  return ticks;
}

/** Short tick labels: 20000 → "20k", 1500000 → "1.5M", 0.25 → "0.25". */
export function formatTick(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6) {
    return `${tidy(value / 1e6)}M`;
  }
  if (magnitude >= 1e4) {
    return `${tidy(value / 1e3)}k`;
  }
  return String(tidy(Number(value.toFixed(4))));
}
