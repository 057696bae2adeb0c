import type { Vector } from '../../../shared/index.js';
import { reciprocalRankFusion, type RankedList } from '../../fusion.js';
import { candidatesFor, GRAPH_SEED_HITS } from '../../recall-shape.js';
import type { RecallHit, RecallQuery, RetrievalSource, SourceWeights } from '../../types.js';

import type { EntityGraph } from './entity-graph.js';
import { graphHop } from './graph-candidates.js';
import type { MemoryDirectory, SeqFilter } from './memory-directory.js';
import { blobToVector, toRecord, type MemoryRow } from './memory-row.js';
import { ALL_TIME, type MemoryTable, type TimeBounds } from './memory-table.js';
import type { ProjectorSlot } from './projector.js';
import { scaleQuery, scoreAtScales } from './scale-scoring.js';
import type { VectorIndex } from './vector-index.js';


export interface RecallDeps {
  readonly table: MemoryTable;
  readonly graph: EntityGraph;
  readonly vectors: VectorIndex;
  readonly directory: MemoryDirectory;
  readonly keywordSearch: (text: string, limit: number, filter: SeqFilter) => number[];
  /** The projection for the smaller Matryoshka scales (truncation until a PCA fit). */
  readonly projector: ProjectorSlot;
  /** Fusion weights when the query brings none. */
  readonly sourceWeights: SourceWeights;
  /** RRF's k: large flattens rank differences, small lets each list's top ranks dominate. */
  readonly rrfK: number;
}

type List = RankedList<number, RetrievalSource>;

/** One recall in progress: rows read so far are kept so none is read twice. */
interface Recall {
  readonly query: RecallQuery;
  readonly bounds: TimeBounds;
  readonly filter: SeqFilter;
  readonly candidates: number;
  readonly rows: Map<number, MemoryRow>;
}

/** Coarse 96-dim search, then the candidates' full vectors (one read) re-scored at the query's scales. */
function vectorList(deps: RecallDeps, recall: Recall, vector: Vector): List {
  const { query, rows } = recall;
  const coarse = deps.vectors.search(vector, recall.candidates, recall.filter);
  const scaled = scaleQuery(vector, deps.projector.current, query.scales);
  const scored = deps.table
    .bySeqs(query.tenant, coarse)
    .map((row) => {
      rows.set(row.seq, row);
      const stored = row.projected === null ? null : blobToVector(row.projected);
      return { seq: row.seq, score: scoreAtScales(scaled, blobToVector(row.vector), stored) };
    })
    .sort((a, b) => b.score - a.score || b.seq - a.seq);
  return { source: 'VECTOR', keys: scored.map((hit) => hit.seq) };
}

function graphList(deps: RecallDeps, recall: Recall, earlier: readonly List[]): List {
  const topHits = reciprocalRankFusion(earlier)
    .slice(0, GRAPH_SEED_HITS)
    .map((item) => item.key);
  const keys = graphHop(deps.graph, {
    tenant: recall.query.tenant,
    text: recall.query.text,
    topHits,
    limit: recall.candidates,
    accept: recall.filter.accept,
    createdAt: deps.directory.createdAt,
  });
  return { source: 'GRAPH', keys };
}

function retrieverLists(deps: RecallDeps, recall: Recall, vector: Vector): List[] {
  const { query } = recall;
  const lists: List[] = [vectorList(deps, recall, vector)];
  if (query.keyword !== false) {
    lists.push({ source: 'KEYWORD', keys: deps.keywordSearch(query.text, recall.candidates, recall.filter) });
  }
  if (query.graph !== false) {
    lists.push(graphList(deps, recall, lists));
  }
  if (query.sessionId != null) {
    const recent = deps.table.recentInSession(query.tenant, query.sessionId, recall.bounds, query.k);
    lists.push({ source: 'RECENCY', keys: recent });
  }
  return lists;
}

/**
 * Vector (coarse-to-fine) + BM25 keyword + one graph hop (+ session recency) lists, fused by
 * RRF. `vector` is the full-size query embedding. Reads only; runs synchronously.
 */
export function runRecall(deps: RecallDeps, query: RecallQuery, vector: Vector): RecallHit[] {
  const k = Math.floor(query.k);
  if (!(k > 0)) {
    return [];
  }
  const bounds = query.window ?? ALL_TIME;
  const filter = deps.directory.filter(query.tenant, bounds);
  const recall: Recall = { query, bounds, filter, candidates: candidatesFor(k), rows: new Map() };
  const weights = { ...deps.sourceWeights, ...query.sourceWeights };
  const lists = retrieverLists(deps, recall, vector).map((list) => ({ ...list, weight: weights[list.source] ?? 1 }));
  const fused = reciprocalRankFusion(lists, deps.rrfK).slice(0, k);
  const missing = fused.map((item) => item.key).filter((seq) => !recall.rows.has(seq));
  deps.table.bySeqs(query.tenant, missing).forEach((row) => recall.rows.set(row.seq, row));
  return fused.flatMap((item) => {
    const row = recall.rows.get(item.key);
    return row === undefined ? [] : [{ memory: toRecord(row), score: item.score, sources: item.sources, vector: blobToVector(row.vector) }];
  });
}
