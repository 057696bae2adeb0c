import type { Logger } from '../../../observability/index.js';
import type { SqliteDatabase } from '../../../storage/index.js';
import { createSeededRng, fitPca, type Vector } from '../../../shared/index.js';

import type { LiveIndexes } from './live-indexes.js';
import type { MemoryTable } from './memory-table.js';
import type { ProjectionTable } from './projection-table.js';
import { pcaProjector, PROJECTION_WIDTH, type Projector, type ProjectorSlot } from './projector.js';
import { blobToVector, vectorToBlob } from './memory-row.js';

/** Below this many memories a PCA basis would be noise; truncation serves until then. */
export const DEFAULT_PCA_MIN_MEMORIES = 256;
/** Vectors sampled for a fit: enough for 192 stable directions, cheap to fit (~1 s). */
const PCA_SAMPLE = 2_000;
/** Refit when the store has grown this many times since the last fit. */
const REFIT_GROWTH = 4;

export interface ProjectionFitterDeps {
  readonly db: SqliteDatabase;
  readonly table: MemoryTable;
  readonly projections: ProjectionTable;
  readonly slot: ProjectorSlot;
  readonly live: LiveIndexes;
  readonly dimensions: number;
  readonly minMemories: number;
  /** Memories the stored basis was fitted on; 0 when there is none yet. */
  readonly fittedOn: number;
  readonly logger?: Logger;
}

/** Fits (and refits as the store grows) the PCA basis the Matryoshka scales are projected with. */
export interface ProjectionFitter {
  /** Fits when the store holds `count` memories and is due; cheap otherwise. */
  maybeFit(count: number): void;
}

/** Every n-th stored vector, so the sample spans the whole history. */
function sampleVectors(table: MemoryTable, count: number): Vector[] {
  const stride = Math.max(1, Math.ceil(count / PCA_SAMPLE));
  const sample: Vector[] = [];
  let i = 0;
  for (const row of table.allVectors()) {
    if (i++ % stride === 0) {
      sample.push(blobToVector(row.vector));
    }
  }
  return sample;
}

/** Rows rewritten per transaction when a new basis re-projects the store. */
const REPROJECT_PAGE = 1_000;

/** Stores every memory's projection under `projector`, reading a page at a time. */
function reprojectAll(table: MemoryTable, projector: Projector): void {
  for (let rows = table.vectorsAfter(-1, REPROJECT_PAGE); rows.length > 0; ) {
    for (const row of rows) {
      table.setProjected(row.seq, vectorToBlob(projector.project(blobToVector(row.vector), PROJECTION_WIDTH)));
    }
    rows = table.vectorsAfter(rows.at(-1)?.seq ?? Number.MAX_SAFE_INTEGER, REPROJECT_PAGE);
  }
}

/**
 * MiniLM is not Matryoshka-trained: on the evaluation set a PCA projection fitted on the stored
 * corpus recalls best at 96 and 192 dims (truncation second, a random rotation last). The basis
 * is fitted over all tenants' vectors (only directions, no text), stored, and refitted when the
 * store has grown fourfold; each fit stores every memory's projection and rebuilds the coarse
 * index from them.
 */
export function createProjectionFitter(deps: ProjectionFitterDeps): ProjectionFitter {
  let { fittedOn } = deps;
  const fit = (count: number): void => {
    const started = performance.now();
    const pca = fitPca(sampleVectors(deps.table, count), PROJECTION_WIDTH, createSeededRng(12_345));
    const projector = pcaProjector(pca);
    // One transaction: stored projections and the stored basis never disagree, even after a crash.
    deps.db.transaction(() => {
      reprojectAll(deps.table, projector);
      deps.projections.save({ pca, fittedOn: count });
    })();
    deps.slot.current = projector;
    deps.live.reindex();
    fittedOn = count;
    deps.logger?.info({ memories: count, fitMs: Math.round(performance.now() - started) }, 'fitted the Matryoshka PCA projection');
  };
  return {
    maybeFit(count) {
      const due = fittedOn === 0 ? count >= deps.minMemories : count >= REFIT_GROWTH * fittedOn;
      if (due && deps.dimensions > PROJECTION_WIDTH) {
        fit(count);
      }
    },
  };
}
