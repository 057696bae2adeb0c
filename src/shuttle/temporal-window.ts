/** The span of time a weave retrieves from (epoch ms, inclusive). */
export interface TemporalWindow {
  readonly startMs: number;
  readonly endMs: number;
  /** Which phrase set it, or `all` when the query names no period. */
  readonly reason: string;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const UNIT_MS: Readonly<Record<string, number>> = { hour: HOUR_MS, day: DAY_MS, week: 7 * DAY_MS, month: 30 * DAY_MS, year: 365 * DAY_MS };

function startOfDay(ms: number): number {
  const date = new Date(ms);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

type Rule = (query: string, now: number) => TemporalWindow | undefined;

const RULES: readonly Rule[] = [
  (q, now) => (/\btoday\b/.test(q) ? { startMs: startOfDay(now), endMs: now, reason: 'today' } : undefined),
  (q, now) =>
    /\byesterday\b/.test(q)
      ? { startMs: startOfDay(now) - DAY_MS, endMs: startOfDay(now) - 1, reason: 'yesterday' }
      : undefined,
  (q, now) => {
    const match = /\b(?:last|past)\s+(\d{1,4})\s+(hour|day|week|month|year)s?\b/.exec(q);
    const span = match === null ? undefined : Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? 0);
    return span === undefined ? undefined : { startMs: now - span, endMs: now, reason: match?.[0] ?? '' };
  },
  (q, now) => {
    const match = /\b(?:last|past|this)\s+(hour|day|week|month|year)\b/.exec(q);
    const span = UNIT_MS[match?.[1] ?? ''];
    return span === undefined ? undefined : { startMs: now - span, endMs: now, reason: match?.[0] ?? '' };
  },
];

/**
 * Resolves the period a query asks about ("today", "last 3 days", "this week"); a query that
 * names none sees every memory up to now.
 */
export function temporalWindowFor(query: string, nowMs: number): TemporalWindow {
  const lower = query.toLowerCase();
  for (const rule of RULES) {
    const window = rule(lower, nowMs);
    if (window !== undefined) {
      return window;
    }
  }
  return { startMs: 0, endMs: nowMs, reason: 'all' };
}
