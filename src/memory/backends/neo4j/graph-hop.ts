import { toInteger, toNumber, type GraphDb } from '../../../graphdb/index.js';
import { entityLookupKeys } from '../../entities.js';

import { windowFilter, type TimeWindow } from './memory-node.js';

/** What the graph hop needs from the recall around it. */
export interface GraphHopRequest {
  readonly tenant: string;
  readonly text: string;
  /** The best vector/keyword hits, best first: their entities seed the hop. */
  readonly topHits: readonly string[];
  readonly limit: number;
  readonly window?: TimeWindow | undefined;
}

/**
 * Seeds are the tenant's entities the query names (normalized n-grams of its text) and those the
 * top hits mention. Each seed brings its `limit` newest memories (so a hub entity costs no more
 * than a rare one) and the top hits it is mentioned by; every memory comes back once with how
 * many named seeds and seeds in all it was reached through.
 */
function graphHopCypher(windowCypher: string): string {
  return `
CALL () {
  MATCH (e:Entity {tenant: $tenant}) WHERE e.key IN $keys
  RETURN e, 1 AS named
  UNION ALL
  MATCH (hit:Memory {tenant: $tenant})-[:MENTIONS]->(e:Entity {tenant: $tenant}) WHERE hit.id IN $topHits
  RETURN e, 0 AS named
}
WITH e, max(named) AS named
CALL (e) {
  MATCH (e)<-[:MENTIONS]-(m:Memory {tenant: $tenant})
  RETURN m ORDER BY m.seq DESC LIMIT $limit
  UNION
  // From the few top hits to the seed, not from a hub seed through all its mentions.
  MATCH (m:Memory {tenant: $tenant})-[:MENTIONS]->(e) USING INDEX m:Memory(tenant, id) WHERE m.id IN $topHits
  RETURN m
}
WITH m, sum(named) AS named, count(e) AS seeds
WHERE m.tenant = $tenant${windowCypher}
RETURN m.id AS id, named, seeds, m.createdAt.epochMillis AS createdAt, m.seq AS seq`;
}

interface Candidate {
  readonly id: string;
  readonly named: number;
  readonly seeds: number;
  readonly hitRank: number;
  readonly createdAt: number;
  readonly seq: number;
}

/**
 * Named seeds first, then seeds in all, then (on ties) the top hits in their order, then the
 * newest: the top-hit tie-break keeps a densely linked corpus from crowding the query's own best
 * match out of the list (the embedded store's order).
 */
const byRelevance = (a: Candidate, b: Candidate): number =>
  b.named - a.named || b.seeds - a.seeds || a.hitRank - b.hitRank || b.createdAt - a.createdAt || b.seq - a.seq;

/** One hop through shared entities, best first, as memory ids; one query. */
export async function graphHop(db: GraphDb, request: GraphHopRequest): Promise<string[]> {
  const keys = entityLookupKeys(request.text);
  if ((keys.length === 0 && request.topHits.length === 0) || request.limit <= 0) {
    return [];
  }
  const window = windowFilter('m', request.window);
  const hitRank = new Map(request.topHits.map((id, rank) => [id, rank]));
  const params = { tenant: request.tenant, keys, topHits: [...request.topHits], limit: toInteger(request.limit), ...window.params };
  const candidates = await db.read(graphHopCypher(window.cypher), params, (record): Candidate => {
    const id = String(record.get('id'));
    return {
      id,
      named: toNumber(record.get('named')),
      seeds: toNumber(record.get('seeds')),
      hitRank: hitRank.get(id) ?? Infinity,
      createdAt: toNumber(record.get('createdAt')),
      seq: toNumber(record.get('seq')),
    };
  });
  return candidates
    .sort(byRelevance)
    .slice(0, request.limit)
    .map((candidate) => candidate.id);
}
