import type { Logger } from '../../../observability/index.js';
import type { SqliteDatabase } from '../../../storage/index.js';
import type { EmbedFn } from '../../types.js';

import { vectorToBlob } from './memory-row.js';

/** Texts embedded per call while re-embedding a store. */
const REEMBED_PAGE = 256;

export interface EmbedderIdentity {
  readonly name: string;
  readonly embed: EmbedFn;
  readonly logger?: Logger;
}

function statements(db: SqliteDatabase) {
  return {
    read: db.prepare<[], { value: string }>("SELECT value FROM store_meta WHERE key = 'embedder'"),
    write: db.prepare<[string]>("INSERT OR REPLACE INTO store_meta (key, value) VALUES ('embedder', ?)"),
    page: db.prepare<[number, number], { seq: number; text: string }>(
      'SELECT seq, text FROM memories WHERE seq > ? ORDER BY seq LIMIT ?',
    ),
    update: db.prepare<[Buffer, number]>('UPDATE memories SET vector = ?, projected = NULL WHERE seq = ?'),
    count: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM memories'),
    dropProjection: db.prepare('DELETE FROM projection'),
  };
}

/**
 * Vectors from two embedders are not comparable, even at the same size (hashing and MiniLM are
 * both 384-dim). When the embedder differs from the one that wrote the file (say a model was
 * installed after weeks on the hashing fallback), every memory is embedded again from its text
 * and the PCA basis is dropped. The name is written last, so an interrupted run starts over.
 */
export async function reconcileEmbedder(db: SqliteDatabase, { name, embed, logger }: EmbedderIdentity): Promise<void> {
  const sql = statements(db);
  const previous = sql.read.get()?.value;
  const total = sql.count.get()?.n ?? 0;
  if (previous === name || (previous === undefined && total === 0)) {
    sql.write.run(name);
    return;
  }
  logger?.warn({ from: previous ?? 'unknown', to: name, memories: total }, 're-embedding stored memories for a new embedder');
  const started = performance.now();
  for (let rows = sql.page.all(-1, REEMBED_PAGE); rows.length > 0; ) {
    const vectors = await embed(rows.map((row) => row.text));
    db.transaction(() => {
      rows.forEach((row, i) => {
        const vector = vectors[i];
        if (vector !== undefined) {
          sql.update.run(vectorToBlob(vector), row.seq);
        }
      });
    })();
    rows = sql.page.all(rows.at(-1)?.seq ?? Number.MAX_SAFE_INTEGER, REEMBED_PAGE);
  }
  db.transaction(() => {
    sql.dropProjection.run();
    sql.write.run(name);
  })();
  logger?.info({ memories: total, ms: Math.round(performance.now() - started) }, 're-embedded stored memories');
}
