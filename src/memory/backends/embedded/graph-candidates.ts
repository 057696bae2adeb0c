import { entityLookupKeys } from '../../entities.js';

import type { EntityGraph } from './entity-graph.js';

/** What the graph hop needs from the recall around it. */
export interface GraphHopInput {
  readonly tenant: string;
  readonly text: string;
  /** The best vector/keyword hits, best first: their entities seed the hop. */
  readonly topHits: readonly number[];
  readonly limit: number;
  /** Tenant and window filter. */
  readonly accept: (seq: number) => boolean;
  readonly createdAt: (seq: number) => number;
}

interface Candidate {
  readonly seq: number;
  readonly named: number;
  readonly seeds: number;
  readonly hitRank: number;
  readonly createdAt: number;
}

const byRelevance = (a: Candidate, b: Candidate): number =>
  b.named - a.named || b.seeds - a.seeds || a.hitRank - b.hitRank || b.createdAt - a.createdAt || b.seq - a.seq;

/** seq → the seed entities it is known to mention. */
function collectLinks(graph: EntityGraph, input: GraphHopInput, seeds: ReadonlySet<number>, hitLinks: readonly { seq: number; eid: number }[]) {
  const links = new Map<number, Set<number>>();
  const add = (seq: number, eid: number): void => {
    const set = links.get(seq) ?? new Set<number>();
    set.add(eid);
    links.set(seq, set);
  };
  hitLinks.forEach(({ seq, eid }) => {
    add(seq, eid);
  });
  // Each seed contributes its latest `limit` memories only, so a hub entity costs no more than a rare one.
  for (const eid of seeds) {
    graph.latestMentioning(eid, input.limit).forEach((seq) => {
      add(seq, eid);
    });
  }
  return links;
}

/**
 * One hop through shared entities. Seeds are the entities the query names (case-insensitive
 * n-gram lookup) plus those of the top hits. Candidates are memories mentioning a seed, ranked
 * by named seeds mentioned, then seeds mentioned, then (for ties) the top hits in their order,
 * then the newest. The top-hit tie-break keeps a densely linked corpus from crowding the query's
 * own best match out of this list.
 */
export function graphHop(graph: EntityGraph, input: GraphHopInput): number[] {
  const named = new Set(graph.named(input.tenant, entityLookupKeys(input.text)).map((entity) => entity.eid));
  const hitLinks = graph.mentionsOf(input.topHits);
  const seeds = new Set([...named, ...hitLinks.map((link) => link.eid)]);
  const hitRank = new Map(input.topHits.map((seq, rank) => [seq, rank]));
  const candidates: Candidate[] = [];
  for (const [seq, eids] of collectLinks(graph, input, seeds, hitLinks)) {
    if (input.accept(seq)) {
      const namedCount = [...eids].filter((eid) => named.has(eid)).length;
      candidates.push({ seq, named: namedCount, seeds: eids.size, hitRank: hitRank.get(seq) ?? Infinity, createdAt: input.createdAt(seq) });
    }
  }
  return candidates
    .sort(byRelevance)
    .slice(0, input.limit)
    .map((candidate) => candidate.seq);
}
