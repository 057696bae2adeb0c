import type { GraphNeighborhood, MemoryRecord, NeighborEntity } from '../memory/index.js';

import { toConfidence } from './confidence.js';
import { countMemories, joinNames } from './entity-list.js';
import { extractEntityPhrase } from './entity-phrase.js';
import type { Tool, ToolContext, ToolResult } from './types.js';

const MAX_NEIGHBORS = 10;
const MAX_CITATIONS = 3;
/** Entities of the top hit tried when the query names none. */
const MAX_FALLBACK_ENTITIES = 3;

type Origin = 'query' | 'top-hit';
interface Candidate {
  readonly name: string;
  readonly origin: Origin;
}

/** The entity the query names; only when it names none, the top hit's entities stand in. */
function candidates(context: ToolContext): Candidate[] {
  const phrase = extractEntityPhrase(context.query);
  if (phrase !== undefined) {
    return [{ name: phrase, origin: 'query' }];
  }
  const topEntities = context.hits[0]?.memory.entities.slice(0, MAX_FALLBACK_ENTITIES) ?? [];
  const seen = new Set<string>();
  return topEntities
    .filter((name) => !seen.has(name.toLowerCase()) && seen.add(name.toLowerCase()))
    .map((name): Candidate => ({ name, origin: 'top-hit' }));
}

function nearest(hood: GraphNeighborhood): NeighborEntity[] {
  const centre = hood.entity.toLowerCase();
  return hood.entities
    .filter((entity) => entity.distance === 1 && entity.name.toLowerCase() !== centre)
    .sort((a, b) => b.sharedMemories - a.sharedMemories || a.name.localeCompare(b.name))
    .slice(0, MAX_NEIGHBORS);
}

/** The memories that mention the most of the listed neighbours link them best. */
function linkingMemories(memories: readonly MemoryRecord[], neighbors: readonly NeighborEntity[]): MemoryRecord[] {
  const names = new Set(neighbors.map((neighbor) => neighbor.name.toLowerCase()));
  const mentions = (memory: MemoryRecord): number =>
    memory.entities.filter((entity) => names.has(entity.toLowerCase())).length;
  return [...memories].sort((a, b) => mentions(b) - mentions(a)).slice(0, MAX_CITATIONS);
}

function describe(hood: GraphNeighborhood, origin: Origin): ToolResult {
  const neighbors = nearest(hood);
  const cited = linkingMemories(hood.memories, neighbors);
  const via = `(via ${countMemories(hood.memories.length)})`;
  const response =
    neighbors.length === 0
      ? `${hood.entity} appears in ${countMemories(hood.memories.length)} but is connected to no other entity.`
      : `${hood.entity} is connected to ${joinNames(neighbors.map((n) => n.name))} ${via}.`;
  const strength = neighbors.length === 0 ? 0.3 : 0.55 + 0.35 * Math.min(1, neighbors.length / 3);
  return {
    response,
    confidence: toConfidence(origin === 'query' ? strength : strength * 0.85),
    citations: cited.map((memory) => memory.id),
    detail: { entity: hood.entity, resolvedFrom: origin, neighbors, memoryCount: hood.memories.length },
  };
}

function unknown(tried: readonly Candidate[]): ToolResult {
  const response =
    tried.length === 0
      ? "I couldn't tell which entity you are asking about."
      : `I don't know anything connected to ${joinNames(tried.map((c) => `"${c.name}"`))}.`;
  const confidence = tried.length === 0 ? 0 : 0.1;
  return { response, confidence, citations: [], detail: { tried: tried.map((c) => c.name) } };
}

/** Looks up the first candidate entity the graph knows and describes its neighbours. */
async function queryGraph(context: ToolContext): Promise<ToolResult> {
  const tried = candidates(context);
  for (const candidate of tried) {
    const hood = await context.store.neighborhood(context.tenant, candidate.name, 1);
    if (hood.found) {
      return describe(hood, candidate.origin);
    }
  }
  return unknown(tried);
}

/** GRAPH_QUERY: what an entity is connected to in the knowledge graph. */
export function createGraphQueryTool(): Tool {
  return { name: 'GRAPH_QUERY', run: queryGraph };
}
