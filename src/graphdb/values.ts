import { isDateTime, isInt, type DateTime, type Integer } from 'neo4j-driver';
import neo4j from 'neo4j-driver';

/** A Neo4j INTEGER (lossless by default in the driver) or a plain number, as a JS number. */
export function toNumber(value: unknown): number {
  if (isInt(value)) {
    return value.toNumber();
  }
  if (typeof value === 'number') {
    return value;
  }
  throw new TypeError(`expected a number from Neo4j, got ${typeof value}`);
}

/** A number to send where Cypher must see an INTEGER (JS numbers travel as FLOAT). */
export function toInteger(value: number): Integer {
  return neo4j.int(Math.trunc(value));
}

/** A Neo4j DATETIME (or epoch ms) as a JS Date. */
export function toDate(value: unknown): Date {
  if (isDateTime(value)) {
    // Not via toString(): a zoned value prints as `…+01:00[Europe/Paris]`, which Date cannot parse.
    return (value as DateTime<Integer | number>).toStandardDate();
  }
  if (typeof value === 'number' || isInt(value)) {
    return new Date(toNumber(value));
  }
  throw new TypeError('expected a DATETIME from Neo4j');
}

/** A JS Date as a Neo4j DATETIME parameter (UTC). */
export function fromDate(date: Date): DateTime<number> {
  return neo4j.types.DateTime.fromStandardDate(date);
}

/** A nullable string property. */
export function toOptionalString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** A list-of-strings property (absent = empty). */
export function toStringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
