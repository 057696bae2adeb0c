import { Kind } from 'graphql';
import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';

import { DateTimeScalar } from '../../../src/graphql/index.js';

describe('DateTimeScalar', () => {
  it('serializes JS Dates, ISO strings, Unix milliseconds and Neo4j DateTimes to one UTC format', () => {
    expect(DateTimeScalar.serialize(new Date('2024-05-01T12:00:00Z'))).toBe('2024-05-01T12:00:00.000Z');
    expect(DateTimeScalar.serialize('2024-05-01T14:00:00+02:00')).toBe('2024-05-01T12:00:00.000Z');
    expect(DateTimeScalar.serialize('2024-05-01T12:00:00.123456789Z')).toBe('2024-05-01T12:00:00.123Z');
    expect(DateTimeScalar.serialize(Date.UTC(2024, 4, 1, 12))).toBe('2024-05-01T12:00:00.000Z');
    const fromNeo4j = neo4j.types.DateTime.fromStandardDate(new Date('2024-05-01T12:00:00.250Z'));
    expect(DateTimeScalar.serialize(fromNeo4j)).toBe('2024-05-01T12:00:00.250Z');
  });

  it('refuses to serialize what is no date-time', () => {
    expect(() => DateTimeScalar.serialize(new Date('nope'))).toThrow(/DateTime/);
    expect(() => DateTimeScalar.serialize('yesterday')).toThrow(/DateTime/);
    expect(() => DateTimeScalar.serialize({ at: 1 })).toThrow(/DateTime/);
    expect(() => DateTimeScalar.serialize(true)).toThrow(/DateTime/);
  });

  it('parses variables to the RFC 3339 string as sent, which Cypher datetime() takes', () => {
    expect(DateTimeScalar.parseValue('2024-05-01T14:00:00.123456+02:00')).toBe('2024-05-01T14:00:00.123456+02:00');
    expect(DateTimeScalar.parseValue('2024-05-01T12:00:00Z')).toBe('2024-05-01T12:00:00Z');
    expect(DateTimeScalar.parseValue(new Date('2024-05-01T12:00:00Z'))).toBe('2024-05-01T12:00:00.000Z');
  });

  it('refuses variables that are not RFC 3339 date-times', () => {
    for (const value of ['2024', 'March 7, 2024', '2024-05-01', '2024-13-01T00:00:00Z', 1714564800000, null]) {
      expect(() => DateTimeScalar.parseValue(value)).toThrow(/RFC 3339/);
    }
  });

  it('parses string literals the same way and refuses other literals', () => {
    expect(DateTimeScalar.parseLiteral({ kind: Kind.STRING, value: '2024-05-01T12:00:00Z' })).toBe('2024-05-01T12:00:00Z');
    expect(() => DateTimeScalar.parseLiteral({ kind: Kind.INT, value: '1' })).toThrow(/string/);
  });
});
