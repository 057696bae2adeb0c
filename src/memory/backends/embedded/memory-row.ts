import type { Vector } from '../../../shared/index.js';
import type { MemoryRecord } from '../../types.js';

/** One `memories` row as better-sqlite3 returns it. */
export interface MemoryRow {
  readonly seq: number;
  readonly id: string;
  readonly tenant: string;
  readonly text: string;
  readonly created_at: number;
  readonly tags: string;
  readonly entities: string;
  readonly source: string | null;
  readonly session_id: string | null;
  readonly vector: Buffer;
  readonly projected: Buffer | null;
}

/** Reads a JSON array of strings written by this store; anything else reads as empty. */
function parseStringList(json: string): string[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
}

/** The client-facing record for a row. */
export function toRecord(row: MemoryRow): MemoryRecord {
  return {
    id: row.id,
    tenant: row.tenant,
    text: row.text,
    createdAt: new Date(row.created_at),
    tags: parseStringList(row.tags),
    entities: parseStringList(row.entities),
    source: row.source,
    sessionId: row.session_id,
  };
}

/** The bytes stored in `memories.vector` (a view, no copy). */
export function vectorToBlob(vector: Vector): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

/** A Float32Array over a stored blob; copies only when the bytes are not 4-byte aligned. */
export function blobToVector(blob: Buffer): Vector {
  const length = Math.floor(blob.byteLength / Float32Array.BYTES_PER_ELEMENT);
  if (blob.byteOffset % Float32Array.BYTES_PER_ELEMENT === 0) {
    return new Float32Array(blob.buffer, blob.byteOffset, length);
  }
  return new Float32Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + length * 4));
}
