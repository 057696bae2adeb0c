import { toInteger, toNumber, type GraphDb } from '../../../graphdb/index.js';
import { queryWords } from '../../query-words.js';

import { TEXT_INDEX, tenantKeyOf, windowFilter, type TimeWindow } from './memory-node.js';

/** Longest OR-list sent to Lucene (far under its 1,024-clause cap). */
const MAX_QUERY_WORDS = 32;
/** A window can hide most hits: ask Lucene for this many times more, and widen by it. */
const WINDOW_OVERFETCH = 4;

/**
 * A Lucene query for any of the query's words in `text`, required to be in `tenantKey`'s tenant.
 * Words are letters, digits and marks only (no Lucene syntax can survive) and each is quoted
 * besides, so user text is never parsed as operators. No usable words → undefined.
 */
export function toLuceneQuery(text: string, tenantKey: string): string | undefined {
  const words = queryWords(text).slice(0, MAX_QUERY_WORDS);
  if (words.length === 0) {
    return undefined;
  }
  return `+tenantKey:${tenantKey} +text:(${words.map((word) => `"${word}"`).join(' ')})`;
}

export interface KeywordRequest {
  readonly tenant: string;
  readonly text: string;
  readonly limit: number;
  readonly window?: TimeWindow | undefined;
}

interface KeywordPage {
  readonly fetched: number;
  readonly ids: string[];
}

/**
 * BM25 (Lucene) hits of the tenant, best first, as memory ids. The tenant filter runs inside the
 * index; only a time window is checked afterwards, which may need a wider fetch.
 */
export async function keywordSearch(db: GraphDb, request: KeywordRequest): Promise<string[]> {
  const lucene = toLuceneQuery(request.text, tenantKeyOf(request.tenant));
  if (lucene === undefined || request.limit <= 0) {
    return [];
  }
  const window = windowFilter('m', request.window);
  // Lucene ranks and cuts; Cypher applies the window (and checks the tenant again, cheaply).
  const cypher = `CALL db.index.fulltext.queryNodes('${TEXT_INDEX}', $lucene, {limit: $fetch}) YIELD node
    WITH collect(node) AS hits
    RETURN size(hits) AS fetched, [m IN hits WHERE m.tenant = $tenant${window.cypher} | m.id][..$limit] AS ids`;
  let fetch = request.window === undefined ? request.limit : request.limit * WINDOW_OVERFETCH;
  for (;;) {
    const [page] = await db.read<KeywordPage>(cypher, { lucene, tenant: request.tenant, fetch: toInteger(fetch), limit: toInteger(request.limit), ...window.params }, (record) => ({
      fetched: toNumber(record.get('fetched')),
      ids: (record.get('ids') as unknown[]).map(String),
    }));
    if (page === undefined || page.ids.length >= request.limit || page.fetched < fetch) {
      return page?.ids ?? [];
    }
    fetch *= WINDOW_OVERFETCH;
  }
}
