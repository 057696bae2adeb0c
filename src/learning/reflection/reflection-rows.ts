import type { ErrorCode } from '../../shared/index.js';
import type { PatternName } from '../../spacetime/index.js';
import { toolAt } from '../encoding/index.js';

import type { ReflectionExperience, StoredExperience } from './types.js';

/** Schema steps, applied once each under the `reflections` namespace of the shared SQLite file. */
export const REFLECTION_MIGRATIONS = [
  `CREATE TABLE reflections (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     tenant TEXT NOT NULL,
     id TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     encoding_version TEXT NOT NULL,
     observation BLOB NOT NULL,
     tool_index INTEGER NOT NULL CHECK (tool_index >= 0),
     action_probs BLOB NOT NULL,
     log_prob REAL NOT NULL,
     value REAL,
     pattern TEXT NOT NULL CHECK (pattern IN ('BARE', 'FAST', 'FUSED')),
     reward REAL CHECK (reward IS NULL OR reward BETWEEN -1 AND 1),
     confidence REAL NOT NULL,
     duration_ms REAL NOT NULL,
     error_code TEXT,
     UNIQUE (tenant, id)
   );
   CREATE INDEX reflections_by_tenant_seq ON reflections (tenant, seq);`,
];

/** A reflections row as better-sqlite3 returns it. */
export interface ReflectionRow {
  readonly tenant: string;
  readonly id: string;
  readonly created_at: number;
  readonly encoding_version: string;
  readonly observation: Buffer;
  readonly tool_index: number;
  readonly action_probs: Buffer;
  readonly log_prob: number;
  readonly value: number | null;
  readonly pattern: string;
  readonly reward: number | null;
  readonly confidence: number;
  readonly duration_ms: number;
  readonly error_code: string | null;
}

/** Column order of the INSERT. */
export const INSERT_COLUMNS =
  'tenant, id, created_at, encoding_version, observation, tool_index, action_probs, log_prob, value, pattern, confidence, duration_ms, error_code';

/** Float32 values as little-endian bytes (the platform order; SQLite stores the bytes as given). */
export function toBlob(values: Float32Array): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}

/** Copies the bytes out: a Buffer's offset need not be 4-byte aligned for a Float32Array view. */
export function fromBlob(blob: Buffer): Float32Array {
  const bytes = new Uint8Array(blob.byteLength);
  bytes.set(blob);
  return new Float32Array(bytes.buffer);
}

/** Parameters of one INSERT, in INSERT_COLUMNS order. */
export function insertParameters(experience: ReflectionExperience): unknown[] {
  return [
    experience.tenant,
    experience.id,
    experience.createdAt.getTime(),
    experience.encodingVersion,
    toBlob(experience.observation),
    experience.toolIndex,
    toBlob(Float32Array.from(experience.actionProbabilities)),
    experience.logProb,
    experience.value,
    experience.pattern,
    experience.confidence,
    experience.durationMs,
    experience.errorCode,
  ];
}

export function fromRow(row: ReflectionRow): StoredExperience {
  return {
    id: row.id,
    tenant: row.tenant,
    createdAt: new Date(row.created_at),
    encodingVersion: row.encoding_version,
    observation: fromBlob(row.observation),
    toolIndex: row.tool_index,
    tool: toolAt(row.tool_index),
    actionProbabilities: fromBlob(row.action_probs),
    logProb: row.log_prob,
    value: row.value,
    // The CHECK constraint and record() validation admit only these values.
    pattern: row.pattern as PatternName,
    reward: row.reward,
    confidence: row.confidence,
    durationMs: row.duration_ms,
    errorCode: row.error_code as ErrorCode | null,
  };
}
