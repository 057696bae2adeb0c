import { BadInputError } from '../src/shared/index.js';

/** Input limits, documented in the README; every one is enforced at the GraphQL edge. */
export const LIMITS = {
  queryChars: 2_000,
  memoryChars: 10_000,
  batchSize: 1_000,
  maxK: 100,
  tags: 32,
  tagChars: 64,
  sourceChars: 256,
  idChars: 128,
  pageSize: 100,
  entityChars: 200,
  maxDepth: 3,
} as const;

const ID_PATTERN = /^[A-Za-z0-9_.:-]+$/;

/** Trimmed, non-empty text within `max` characters. */
export function requireText(value: string, field: string, max: number): string {
  const text = value.trim();
  if (text.length === 0) {
    throw new BadInputError(`${field} must not be empty.`, { field });
  }
  if (text.length > max) {
    throw new BadInputError(`${field} is ${text.length} characters; the limit is ${max}.`, { field, limit: max });
  }
  return text;
}

/** An integer within [min, max]. */
export function requireIntIn(value: number, field: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BadInputError(`${field} must be an integer from ${min} to ${max}; got ${value}.`, { field, min, max });
  }
  return value;
}

/** An optional client-chosen id: letters, digits and `_ . : -`, at most LIMITS.idChars. */
export function optionalId(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined) {
    return null;
  }
  if (value.length === 0 || value.length > LIMITS.idChars || !ID_PATTERN.test(value)) {
    throw new BadInputError(
      `${field} must be 1-${LIMITS.idChars} characters of letters, digits, "_", ".", ":" or "-".`,
      { field },
    );
  }
  return value;
}

/** Tags: at most LIMITS.tags, each non-empty and within LIMITS.tagChars, duplicates removed. */
export function cleanTags(tags: readonly string[] | null | undefined): string[] {
  const list = [...new Set((tags ?? []).map((tag) => requireText(tag, 'tag', LIMITS.tagChars)))];
  if (list.length > LIMITS.tags) {
    throw new BadInputError(`A memory may carry at most ${LIMITS.tags} tags; got ${list.length}.`, { field: 'tags' });
  }
  return list;
}
