import { toInteger, toNumber, type GraphDb } from '../../../graphdb/index.js';
import type { Vector } from '../../../shared/index.js';

import { hasDirection, VECTOR_INDEX, windowFilter, type TimeWindow } from './memory-node.js';

/** When to scan a tenant exactly instead of asking the shared HNSW index. */
export interface VectorSearchTuning {
  /** Tenants with at most this many memories are always scanned exactly. */
  readonly exactLimit: number;
  /**
   * HNSW must be asked for about limit / (tenant's share) nodes to return `limit` of the tenant's;
   * once that is more than this many times the tenant's own count, the scan is cheaper.
   */
  readonly exactRatio: number;
  /**
   * Extra factor on that first ask: a second ask is rarely needed, and HNSW searches wider. At
   * 10,000 memories, 4 finds 95% of the exact top 10 (2: 90%, 8: 98%) for ~1 ms more than 1.
   */
  readonly overFetch: number;
  /** How much each retry widens the ask. */
  readonly widen: number;
}

/**
 * Measured on Neo4j 5.26 (Community, 384-dim LIST<FLOAT>): an exact scan costs ~14 µs per memory
 * of the tenant (reading the 3 KB embedding dominates; 2,000 memories take ~30 ms), an HNSW ask
 * ~2.7 ms up to 100 nodes and ~1.8 µs per node beyond. So HNSW wins from ~150 memories up, and
 * a scan only wins back when HNSW must be asked for ~8 times the tenant's own count.
 */
export const DEFAULT_VECTOR_TUNING: VectorSearchTuning = { exactLimit: 200, exactRatio: 8, overFetch: 4, widen: 4 };

/**
 * One vector query: the tenant's count and the index size pick the path. The exact path ranks the
 * tenant's memories (read through the (tenant, seq) index) by cosine; the ANN path asks HNSW for
 * `fetch` nodes of all tenants, keeps the tenant's and re-ranks the best of them exactly. Neo4j
 * 5.26's vector index cannot filter before it searches, so the ask grows with the tenant's rarity.
 */
function vectorCypher(windowCypher: string): string {
  return `
OPTIONAL MATCH (t:Tenant {id: $tenant})
WITH coalesce(t.memoryCount, 0) AS mine
CALL () { MATCH (stored:Memory) RETURN count(stored) AS total }
WITH mine, total,
  CASE WHEN mine = 0 THEN 0 ELSE toInteger(ceil($limit * $overFetch * $widen * toFloat(total) / mine)) END AS asked
WITH mine, total, CASE WHEN asked > total THEN total ELSE asked END AS fetch
WITH total, fetch, mine <= $exactLimit OR fetch >= mine * $exactRatio AS exact
OPTIONAL CALL (exact, fetch) {
  // A null tenant when HNSW is chosen: the planner would otherwise seek all the tenant's rows
  // and only then test the flag, paying for the scan on the HNSW path too.
  WITH CASE WHEN exact THEN $tenant END AS scanned
  MATCH (m:Memory) WHERE m.tenant = scanned AND m.seq IS NOT NULL${windowCypher}
  WITH m, vector.similarity.cosine(m.embedding, $vector) AS score WHERE score IS NOT NULL
  RETURN m.id AS id, score, m.seq AS seq ORDER BY score DESC, seq DESC LIMIT $limit
  UNION
  WITH exact, fetch WHERE NOT exact AND fetch > 0
  CALL db.index.vector.queryNodes('${VECTOR_INDEX}', fetch, $vector) YIELD node AS m, score AS approximate
  WITH m, approximate WHERE m.tenant = $tenant${windowCypher}
  // The index scores int8-quantized vectors (Neo4j's default), which reorders near ties: its
  // best candidates are ranked again by the exact cosine of the stored vectors.
  WITH m ORDER BY approximate DESC LIMIT $limit
  WITH m, vector.similarity.cosine(m.embedding, $vector) AS score
  RETURN m.id AS id, score, m.seq AS seq ORDER BY score DESC, seq DESC LIMIT $limit
}
// A branch that found nothing still leaves one row (OPTIONAL CALL), so the caller can widen.
RETURN exact, fetch, total, collect(CASE WHEN id IS NULL THEN null ELSE [id, score, seq] END) AS hits`;
}

export interface VectorRequest {
  readonly tenant: string;
  readonly vector: Vector;
  readonly limit: number;
  readonly window?: TimeWindow | undefined;
}

interface VectorPage {
  readonly exact: boolean;
  readonly fetch: number;
  readonly total: number;
  readonly hits: { readonly id: string; readonly score: number; readonly seq: number }[];
}

function toPage(record: { get(key: string): unknown }): VectorPage {
  const hits = (record.get('hits') as unknown[][]).map(([id, score, seq]) => ({ id: String(id), score: toNumber(score), seq: toNumber(seq) }));
  return { exact: record.get('exact') === true, fetch: toNumber(record.get('fetch')), total: toNumber(record.get('total')), hits };
}

/** How a search went, for logs and tests. */
export interface VectorSearchResult {
  readonly ids: string[];
  readonly exact: boolean;
  /** Queries it took (1 unless HNSW had to be asked again; 0 for a query vector with no direction). */
  readonly rounds: number;
}

/**
 * The tenant's memories nearest `vector` (full-dimension cosine), best first: an exact scan for a
 * small tenant, HNSW otherwise, widened until it yields `limit` of the tenant's memories, the
 * whole index was asked, or a scan becomes the cheaper way.
 */
export async function vectorSearch(db: GraphDb, request: VectorRequest, tuning: VectorSearchTuning = DEFAULT_VECTOR_TUNING): Promise<VectorSearchResult> {
  if (!hasDirection(request.vector)) {
    // Nothing is nearer than anything else to a zero vector; Neo4j would reject it outright.
    return { ids: [], exact: true, rounds: 0 };
  }
  const window = windowFilter('m', request.window);
  const cypher = vectorCypher(window.cypher);
  const vector = Array.from(request.vector);
  let widen = 1;
  let previousFetch = -1;
  for (let rounds = 1; ; rounds++) {
    const params = {
      tenant: request.tenant,
      vector,
      limit: toInteger(request.limit),
      exactLimit: toInteger(tuning.exactLimit),
      exactRatio: tuning.exactRatio,
      overFetch: tuning.overFetch,
      widen,
      ...window.params,
    };
    const [page] = await db.read(cypher, params, toPage);
    if (page === undefined) {
      return { ids: [], exact: true, rounds };
    }
    // Cosine ties (duplicates) go to the newer memory, as in the embedded store.
    const ids = page.hits.sort((a, b) => b.score - a.score || b.seq - a.seq).map((hit) => hit.id);
    // An ask that did not grow (a tuning with no over-fetch or widening) would repeat for ever.
    if (page.exact || ids.length >= request.limit || page.fetch >= page.total || page.fetch <= previousFetch) {
      return { ids, exact: page.exact, rounds };
    }
    previousFetch = page.fetch;
    widen *= tuning.widen;
  }
}
