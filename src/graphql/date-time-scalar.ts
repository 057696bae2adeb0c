import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { GraphQLDateTime } from 'graphql-scalars';

/**
 * RFC 3339 date-time: date, `T`, time with optional fraction, then `Z` or an offset. Stricter
 * than `new Date()`, which also takes "2024" or "March 7": Cypher's datetime() would not.
 */
const RFC_3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

function checkedIso(date: Date, shown: unknown): string {
  if (Number.isNaN(date.getTime())) {
    throw new GraphQLError(`DateTime cannot represent ${JSON.stringify(String(shown))}: not a valid date-time.`);
  }
  return date.toISOString();
}

/** What a Neo4j DateTime offers this scalar. */
interface Neo4jDateTime {
  toStandardDate(): Date;
}

/**
 * A Neo4j DateTime, known by the marker property neo4j-driver's own isDateTime() reads: importing
 * the driver for that test would load it (~0.25 s, ~25 MB) into servers that never talk to Neo4j.
 */
function isNeo4jDateTime(value: unknown): value is Neo4jDateTime {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const candidate = value as { readonly __isDateTime__?: unknown; readonly toStandardDate?: unknown };
  return candidate.__isDateTime__ === true && typeof candidate.toStandardDate === 'function';
}

/**
 * Output: typed resolvers return JS Dates, @neo4j/graphql's Cypher returns ISO strings, and a
 * raw driver value would be a Neo4j DateTime. All three leave as one format: UTC with milliseconds.
 */
function serializeDateTime(value: unknown): string {
  if (value instanceof Date) {
    return checkedIso(value, value);
  }
  if (typeof value === 'string') {
    return checkedIso(new Date(value), value);
  }
  // Unix milliseconds, which graphql-scalars' DateTime (the scalar this replaces) also took.
  if (typeof value === 'number') {
    return checkedIso(new Date(value), value);
  }
  if (isNeo4jDateTime(value)) {
    return checkedIso(value.toStandardDate(), value);
  }
  throw new GraphQLError(`DateTime cannot represent a value of type ${typeof value}.`);
}

/**
 * Input stays the string the client sent, precision and offset intact: @neo4j/graphql hands it
 * to Cypher's datetime(). (No typed-API argument is a DateTime; one that is gets this string.)
 */
function parseDateTime(value: unknown): string {
  if (value instanceof Date) {
    return checkedIso(value, value);
  }
  if (typeof value !== 'string' || !RFC_3339.test(value) || Number.isNaN(Date.parse(value))) {
    throw new GraphQLError(`DateTime must be an RFC 3339 date-time string such as 2007-12-03T10:15:30Z, got ${JSON.stringify(value)}.`);
  }
  return value;
}

function parseDateTimeLiteral(ast: ValueNode): string {
  if (ast.kind !== Kind.STRING) {
    throw new GraphQLError('DateTime must be a string such as "2007-12-03T10:15:30Z".', { nodes: ast });
  }
  return parseDateTime(ast.value);
}

/**
 * The server's one DateTime scalar. The typed API (graphql-scalars' DateTime, which serializes
 * JS Dates) and the generated graph API (@neo4j/graphql's, which throws on a JS Date) both name
 * theirs DateTime, and a merged schema can hold only one; this one serves both sides.
 */
export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  // Word for word the description of the scalar it replaces, so the typed API's SDL is unchanged
  // (and it holds: output at UTC, input any RFC 3339 date-time).
  description: GraphQLDateTime.description,
  serialize: serializeDateTime,
  parseValue: parseDateTime,
  parseLiteral: parseDateTimeLiteral,
});
