import { createHash } from 'node:crypto';

import type { Record as Neo4jRecord } from 'neo4j-driver';

import { fromDate, toDate, toNumber, toOptionalString, toStringList } from '../../../graphdb/index.js';
import { norm, type Vector } from '../../../shared/index.js';
import type { MemoryRecord } from '../../types.js';

/** The vector index over `Memory.embedding` (docs/graph-model.md). */
export const VECTOR_INDEX = 'memory_embedding';
/** The full-text index over `Memory.text` and `Memory.tenantKey`. */
export const TEXT_INDEX = 'memory_text';

/**
 * The tenant as one Lucene token: `t` + hex SHA-1. Tenant ids may hold any characters (spaces,
 * colons, Lucene syntax); the digest always survives the standard analyzer as a single term.
 */
export function tenantKeyOf(tenant: string): string {
  return `t${createHash('sha1').update(tenant, 'utf8').digest('hex')}`;
}

/**
 * The fields of a MemoryRecord, read from `m`. Entities come from MENTIONS in text order; their
 * names are the Entity nodes' (first written) spelling, the same everywhere the graph is read.
 * Only the memory's own tenant's entities count: a stray edge must not show another tenant's name.
 */
export const RECORD_FIELDS = `m.id AS id, m.text AS text, m.createdAt AS createdAt, m.tags AS tags,
  m.source AS source, m.sessionId AS sessionId,
  [(m)-[r:MENTIONS]->(e:Entity) WHERE e.tenant = m.tenant | [r.position, e.name]] AS mentions`;

/** `[position, name]` pairs as names in text order. */
export function mentionNames(value: unknown): string[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value
    .flatMap((pair: unknown) => (Array.isArray(pair) && typeof pair[1] === 'string' ? [{ position: toNumber(pair[0]), name: pair[1] }] : []))
    .sort((a, b) => a.position - b.position)
    .map((mention) => mention.name);
}

/** A record returned with {@link RECORD_FIELDS} as a MemoryRecord of `tenant`. */
export function toMemoryRecord(record: Neo4jRecord, tenant: string): MemoryRecord {
  return {
    id: String(record.get('id')),
    tenant,
    text: String(record.get('text')),
    createdAt: toDate(record.get('createdAt')),
    tags: toStringList(record.get('tags')),
    entities: mentionNames(record.get('mentions')),
    source: toOptionalString(record.get('source')),
    sessionId: toOptionalString(record.get('sessionId')),
  };
}

/**
 * Whether cosine can compare `vector` with anything. Neo4j rejects a zero (or non-finite) vector
 * in `vector.similarity.cosine` and its vector index, failing the whole query, so such a vector
 * (a text with no word the embedder knows) is stored as no embedding and never searched for.
 */
export function hasDirection(vector: Vector): boolean {
  const length = norm(vector);
  return length > 0 && Number.isFinite(length);
}

/** A LIST<FLOAT> property as a Vector; a memory stored without one (no direction) reads as zeros. */
export function toVector(value: unknown, dimensions: number): Vector {
  return Array.isArray(value) ? Float32Array.from(value, (item: unknown) => toNumber(item)) : new Float32Array(dimensions);
}

/** Inclusive createdAt bounds, as epoch ms. */
export interface TimeWindow {
  readonly startMs: number;
  readonly endMs: number;
}

// JS Dates end at ±8.64e15 ms; a wider bound means "no bound" on that side.
const DATE_LIMIT_MS = 8.64e15;
const clampMs = (ms: number): number => Math.min(DATE_LIMIT_MS, Math.max(-DATE_LIMIT_MS, Number.isNaN(ms) ? 0 : ms));

/**
 * A Cypher condition (starting with AND) keeping `alias`'s createdAt inside the window, and its
 * parameters; empty without a window, so the common query carries no predicate at all.
 */
export function windowFilter(alias: string, window: TimeWindow | undefined): { readonly cypher: string; readonly params: Readonly<Record<string, unknown>> } {
  if (window === undefined) {
    return { cypher: '', params: {} };
  }
  return {
    cypher: ` AND ${alias}.createdAt >= $windowStart AND ${alias}.createdAt <= $windowEnd`,
    params: { windowStart: fromDate(new Date(clampMs(window.startMs))), windowEnd: fromDate(new Date(clampMs(window.endMs))) },
  };
}
