import type { Logger } from '../../../observability/index.js';
import { createSeededRng, fitPcaSteps, type Vector } from '../../../shared/index.js';
import type { SqliteDatabase } from '../../../storage/index.js';

import type { LiveIndexes } from './live-indexes.js';
import type { IndexRebuild } from './vector-index.js';
import { blobToVector, vectorToBlob } from './memory-row.js';
import type { MemoryTable } from './memory-table.js';
import type { ProjectionTable } from './projection-table.js';
import { pcaProjector, PROJECTION_WIDTH, type Projector, type ProjectorSlot } from './projector.js';

/** Below this many memories a PCA basis would be noise; truncation serves until then. */
export const DEFAULT_PCA_MIN_MEMORIES = 256;
/** Vectors sampled for a fit: enough for 192 stable directions, cheap to fit (~1 s). */
const PCA_SAMPLE = 2_000;
/** Refit when the store has grown this many times since the last fit. */
const REFIT_GROWTH = 4;
/** Rows projected (and added to the rebuilt index) between two pauses of a background fit. */
const PROJECT_PAGE = 500;

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
  /** Starts a background fit when the store holds `count` memories and one is due. */
  maybeFit(count: number): void;
  /** Resolves when no fit is running. */
  idle(): Promise<void>;
  /** Abandons a running fit (the store is closing). */
  stop(): void;
}

/** Lets pending requests run between chunks of a fit. */
const pause = (): Promise<void> =>
  new Promise((resolve) => {
    setImmediate(resolve);
  });

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

/** Rows written during a fit that the swap may still handle in one go; more are caught up in pages first. */
const CATCH_UP_ROWS = 2_000;

/** A coarse-index entry under the new projection (the 96-dim prefix of the stored 192). */
type ProjectedEntry = { readonly key: number; readonly vector: Vector; readonly projected: Vector };

interface Feed {
  readonly projector: Projector;
  readonly rebuild: IndexRebuild;
  readonly stopped: () => boolean;
}

function projectPage(projector: Projector, rows: readonly { seq: number; vector: Buffer }[]): ProjectedEntry[] {
  return rows.map((row) => {
    const vector = projector.project(blobToVector(row.vector), PROJECTION_WIDTH);
    return { key: row.seq, vector, projected: vector };
  });
}

/**
 * Projects the rows in `bounds` a page at a time: each page's projections are set aside in the
 * table (one transaction) and added to the rebuilt index, with a pause between pages. Nothing
 * accumulates in memory, however large the store.
 */
async function projectAndFeed(deps: Pick<ProjectionFitterDeps, 'db' | 'table'>, feed: Feed, bounds: { afterSeq: number; untilSeq: number }): Promise<void> {
  const setAside = deps.db.transaction((entries: readonly ProjectedEntry[]) => {
    entries.forEach((entry) => deps.table.setProjectedNext(entry.key, vectorToBlob(entry.projected)));
  });
  for (let rows = deps.table.vectorsAfter(bounds.afterSeq, PROJECT_PAGE); rows.length > 0 && !feed.stopped(); ) {
    const entries = projectPage(feed.projector, rows.filter((row) => row.seq <= bounds.untilSeq));
    setAside(entries);
    feed.rebuild.add(entries);
    const last = rows.at(-1)?.seq ?? Number.MAX_SAFE_INTEGER;
    rows = last >= bounds.untilSeq ? [] : deps.table.vectorsAfter(last, PROJECT_PAGE);
    await pause();
  }
}

/**
 * Puts a finished fit in force at once: rows written since the last page are projected now (and
 * added to the rebuilt index), every set-aside projection becomes the row's projection and the
 * basis is stored, in one transaction; then the projector and the rebuilt index take over
 * together. Rows deleted meanwhile are gone from the table, and the rebuild drops them.
 */
function swap(deps: ProjectionFitterDeps, fitted: { projector: ReturnType<typeof pcaProjector>; rebuild: IndexRebuild }, untilSeq: number, count: number): void {
  const { projector, rebuild } = fitted;
  deps.db.transaction(() => {
    const tail = projectPage(projector, deps.table.vectorsAfter(untilSeq, Number.MAX_SAFE_INTEGER));
    tail.forEach((entry) => deps.table.setProjectedNext(entry.key, vectorToBlob(entry.projected)));
    rebuild.add(tail);
    deps.table.promoteProjectedNext();
    deps.projections.save({ pca: projector.pca, fittedOn: count });
  })();
  deps.slot.current = projector;
  rebuild.commit();
}

/**
 * MiniLM is not Matryoshka-trained: on the evaluation set a PCA projection fitted on the stored
 * corpus recalls best at 96 and 192 dims (truncation second, a random rotation last). The basis
 * is fitted over all tenants' vectors (only directions, no text), stored, and refitted when the
 * store has grown fourfold. Fitting and projecting run in chunks between requests; the switch
 * (stored projections, basis, coarse index) happens at once, in one transaction, at the end.
 */
export function createProjectionFitter(deps: ProjectionFitterDeps): ProjectionFitter {
  let { fittedOn } = deps;
  let running: Promise<void> | undefined;
  let stopped = false;

  /** Runs the fit's steps with a pause between each; undefined when stopped meanwhile. */
  const fitBasis = async (count: number): Promise<ReturnType<typeof pcaProjector> | undefined> => {
    const steps = fitPcaSteps(sampleVectors(deps.table, count), PROJECTION_WIDTH, createSeededRng(12_345));
    for (let step = steps.next(); !stopped; step = steps.next()) {
      if (step.done === true) {
        return pcaProjector(step.value);
      }
      await pause();
    }
    return undefined;
  };

  const fit = async (count: number): Promise<void> => {
    const started = performance.now();
    const untilSeq = deps.table.maxSeq();
    const projector = await fitBasis(count);
    if (projector === undefined) {
      return;
    }
    deps.table.clearProjectedNext();
    // Built beside the index in use, in chunks: rebuilding a large HNSW graph in one go held the
    // event loop for seconds, long enough for clients' keep-alive connections to be reset. The
    // store may keep growing while the fit runs (a bulk ingest): size the new engine for that.
    const rebuild = deps.live.vectors.beginRebuild(projector, REFIT_GROWTH * deps.live.vectors.size);
    const feed = { projector, rebuild, stopped: () => stopped };
    let until = untilSeq;
    await projectAndFeed(deps, feed, { afterSeq: -1, untilSeq: until });
    // Catch up with rows written meanwhile, in chunks too, so that the swap has little left to do.
    for (let latest = deps.table.maxSeq(); latest - until > CATCH_UP_ROWS && !stopped; latest = deps.table.maxSeq()) {
      await projectAndFeed(deps, feed, { afterSeq: until, untilSeq: latest });
      until = latest;
    }
    if (stopped) {
      return;
    }
    swap(deps, { projector, rebuild }, until, count);
    fittedOn = count;
    deps.logger?.info({ memories: count, fitMs: Math.round(performance.now() - started) }, 'fitted the Matryoshka PCA projection');
  };

  return {
    maybeFit(count) {
      const due = fittedOn === 0 ? count >= deps.minMemories : count >= REFIT_GROWTH * fittedOn;
      if (!due || running !== undefined || stopped || deps.dimensions <= PROJECTION_WIDTH) {
        return;
      }
      running = fit(count)
        .catch((error: unknown) => {
          deps.logger?.error({ err: error }, 'PCA fit failed; keeping the current projection');
        })
        .finally(() => {
          running = undefined;
        });
    },
    idle: () => running ?? Promise.resolve(),
    stop() {
      stopped = true;
    },
  };
}
