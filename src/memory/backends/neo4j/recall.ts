import { toInteger, type GraphDb } from '../../../graphdb/index.js';
import type { Logger } from '../../../observability/index.js';
import type { Vector } from '../../../shared/index.js';
import { reciprocalRankFusion, type RankedList } from '../../fusion.js';
import { candidatesFor, GRAPH_SEED_HITS } from '../../recall-shape.js';
import type { RecallHit, RecallQuery, RetrievalSource, SourceWeights } from '../../types.js';

import { graphHop } from './graph-hop.js';
import { keywordSearch } from './keyword-search.js';
import { windowFilter } from './memory-node.js';
import { memoriesWithVectors } from './read-memories.js';
import { vectorSearch, type VectorSearchTuning } from './vector-search.js';


export interface RecallDeps {
  readonly db: GraphDb;
  readonly sourceWeights: SourceWeights;
  readonly rrfK: number;
  readonly vectorTuning: VectorSearchTuning;
  readonly logger?: Logger | undefined;
}

type List = RankedList<string, RetrievalSource>;

async function recencyList(db: GraphDb, query: RecallQuery, sessionId: string): Promise<List> {
  const window = windowFilter('m', query.window);
  const keys = await db.read(
    `MATCH (m:Memory {tenant: $tenant}) WHERE m.sessionId = $sessionId${window.cypher}
     RETURN m.id AS id ORDER BY m.createdAt DESC, m.seq DESC LIMIT $k`,
    { tenant: query.tenant, sessionId, k: toInteger(query.k), ...window.params },
    (record) => String(record.get('id')),
  );
  return { source: 'RECENCY', keys };
}

/**
 * The lists that need nothing but the query, run side by side (each on its own connection):
 * VECTOR, KEYWORD and RECENCY. The vector list ranks by full-dimension cosine (HNSW, or a scan
 * for a small tenant, proposes; the stored vectors rank): the embedded store's Matryoshka
 * `scales`, a speed device for its coarse in-process index, have nothing to speed up here and
 * are ignored.
 */
async function independentLists(deps: RecallDeps, query: RecallQuery, vector: Vector, candidates: number): Promise<List[]> {
  const { db } = deps;
  const { tenant, window } = query;
  const [vectorHits, keywordKeys, recency] = await Promise.all([
    vectorSearch(db, { tenant, vector, limit: candidates, window }, deps.vectorTuning),
    query.keyword === false ? undefined : keywordSearch(db, { tenant, text: query.text, limit: candidates, window }),
    query.sessionId == null ? undefined : recencyList(db, query, query.sessionId),
  ]);
  if (vectorHits.rounds > 1) {
    deps.logger?.debug({ tenant, rounds: vectorHits.rounds }, 'vector search widened its HNSW ask');
  }
  const lists: List[] = [{ source: 'VECTOR', keys: vectorHits.ids }];
  if (keywordKeys !== undefined) {
    // An empty KEYWORD list still counts in the score scale, exactly as in the embedded store.
    lists.push({ source: 'KEYWORD', keys: keywordKeys });
  }
  return recency === undefined ? lists : [...lists, recency];
}

async function graphList(db: GraphDb, query: RecallQuery, earlier: readonly List[], candidates: number): Promise<List> {
  // Unweighted RRF of vector and keyword picks the seeds, as in the embedded store.
  const topHits = reciprocalRankFusion(earlier.filter((list) => list.source === 'VECTOR' || list.source === 'KEYWORD'))
    .slice(0, GRAPH_SEED_HITS)
    .map((item) => item.key);
  const keys = await graphHop(db, { tenant: query.tenant, text: query.text, topHits, limit: candidates, window: query.window });
  return { source: 'GRAPH', keys };
}

/** Lists in the embedded store's order (VECTOR, KEYWORD, GRAPH, RECENCY), so fusion ties break alike. */
function inSourceOrder(lists: readonly List[]): List[] {
  const order: readonly RetrievalSource[] = ['VECTOR', 'KEYWORD', 'GRAPH', 'RECENCY'];
  return [...lists].sort((a, b) => order.indexOf(a.source) - order.indexOf(b.source));
}

/**
 * Vector + Lucene BM25 + one graph hop (+ session recency), fused by weighted RRF. Round trips:
 * the independent lists side by side, then the graph hop (it needs their top hits), then one read
 * of the winners with their vectors: three in sequence, two without the graph. (Reading the
 * likely winners beside the graph hop does not pay: on the 10,000-memory benchmark the graph list
 * brought in ~3 of the 10 winners, so the third read was needed anyway.)
 */
export async function runRecall(deps: RecallDeps, query: RecallQuery, vector: Vector): Promise<RecallHit[]> {
  const k = Math.floor(query.k);
  if (!(k > 0)) {
    return [];
  }
  const candidates = candidatesFor(k);
  const lists = await independentLists(deps, { ...query, k }, vector, candidates);
  if (query.graph !== false) {
    lists.push(await graphList(deps.db, query, lists, candidates));
  }
  const weights = { ...deps.sourceWeights, ...query.sourceWeights };
  const weighted = inSourceOrder(lists).map((list) => ({ ...list, weight: weights[list.source] ?? 1 }));
  const fused = reciprocalRankFusion(weighted, deps.rrfK).slice(0, k);
  const memories = await memoriesWithVectors(deps.db, query.tenant, fused.map((item) => item.key), vector.length);
  return fused.flatMap((item) => {
    const memory = memories.get(item.key);
    // A memory forgotten between the searches and this read is left out.
    return memory === undefined ? [] : [{ memory: memory.record, score: item.score, sources: item.sources, vector: memory.vector }];
  });
}
