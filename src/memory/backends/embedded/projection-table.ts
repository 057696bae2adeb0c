import type { PcaBasis } from '../../../shared/index.js';
import type { SqliteDatabase } from '../../../storage/index.js';

interface ProjectionRow {
  readonly n: number;
  readonly k: number;
  readonly basis: Buffer;
  readonly mean: Buffer;
  readonly fitted_on: number;
}

/** A stored PCA basis and how many memories the store held when it was fitted. */
export interface StoredProjection {
  readonly pca: PcaBasis;
  readonly fittedOn: number;
}

const toBlob = (values: Float64Array): Buffer => Buffer.from(values.buffer, values.byteOffset, values.byteLength);
const fromBlob = (blob: Buffer): Float64Array =>
  new Float64Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength));

/** The single-row `projection` table. */
export function createProjectionTable(db: SqliteDatabase) {
  const read = db.prepare<[], ProjectionRow>('SELECT n, k, basis, mean, fitted_on FROM projection WHERE id = 1');
  const write = db.prepare(
    'INSERT OR REPLACE INTO projection (id, n, k, basis, mean, fitted_on) VALUES (1, ?, ?, ?, ?, ?)',
  );
  return {
    load(): StoredProjection | undefined {
      const row = read.get();
      return row === undefined
        ? undefined
        : { pca: { n: row.n, k: row.k, basis: fromBlob(row.basis), mean: fromBlob(row.mean) }, fittedOn: row.fitted_on };
    },
    save({ pca, fittedOn }: StoredProjection): void {
      write.run(pca.n, pca.k, toBlob(pca.basis), toBlob(pca.mean), fittedOn);
    },
  };
}

export type ProjectionTable = ReturnType<typeof createProjectionTable>;
