import { cacheHitTrace, repeatSpacetime, type RepeatFields, type Spacetime } from './types.js';

/**
 * What a read of either table gives: a spacetime row (`body` set) or a compact repeat row (`body`
 * null, its own fields as columns), with the body of the spacetime it repeats as `original`.
 */
export interface Row {
  readonly body: string | null;
  /** Epoch milliseconds; a repeat's time lives only here. */
  readonly created_at: number;
  readonly reward: number | null;
  readonly original: string | null;
  readonly id: string;
  /** The compact repeat's own fields; null on a spacetime row, whose body holds them. */
  readonly session_id: string | null;
  readonly duration_ms: number | null;
  readonly repeat_of: string | null;
}

type Stored = Omit<Spacetime, 'reward'>;

/** A repeat's own fields as a body stores them: its time is the created_at column. */
type RepeatBody = Omit<RepeatFields, 'createdAt'>;

/**
 * A repeat's body, for the repeats whose trace is more than the lookup: the fields
 * `repeatSpacetime` took from it but the time, which the created_at column holds. Leaving the
 * Date out also spares JSON.stringify its toJSON call, half the cost on an object this small.
 */
export function repeatBody({ id, sessionId, durationMs, trace }: Spacetime): string {
  const body: RepeatBody = { id, sessionId, durationMs, trace };
  return JSON.stringify(body);
}

/** Dates travel as ISO strings; the original lost spacetimes to unserializable datetimes. */
function reviveDates(key: string, value: unknown): unknown {
  return key === 'createdAt' && typeof value === 'string' ? new Date(value) : value;
}

const parseOriginal = (json: string): Spacetime => ({ ...(JSON.parse(json, reviveDates) as Stored), reward: null });

/** The spacetime a row holds, whichever of the three forms it was stored in. */
export function fromRow(row: Row): Spacetime | undefined {
  const { body, original } = row;
  if (body === null) {
    return original === null ? undefined : fromCompactRepeat(row, original);
  }
  if (original === null) {
    return { ...(JSON.parse(body, reviveDates) as Stored), reward: row.reward };
  }
  // No reviver: a repeat's body holds no dates (rows written before that held createdAt, which the column replaces).
  const own = { ...(JSON.parse(body) as RepeatBody), createdAt: new Date(row.created_at) };
  return { ...repeatSpacetime(parseOriginal(original), own), reward: row.reward };
}

/** A compact repeat: its columns, with the lookup trace rebuilt from its duration and link. */
function fromCompactRepeat(row: Row, original: string): Spacetime {
  const durationMs = row.duration_ms ?? 0;
  const own: RepeatFields = {
    id: row.id,
    sessionId: row.session_id,
    durationMs,
    createdAt: new Date(row.created_at),
    trace: cacheHitTrace(durationMs, row.repeat_of ?? ''),
  };
  return { ...repeatSpacetime(parseOriginal(original), own), reward: row.reward };
}
