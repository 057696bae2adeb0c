import type { RecallHit } from '../memory/index.js';

import { toConfidence } from './confidence.js';
import { truncateText } from './truncate-text.js';
import type { Tool, ToolContext, ToolResult } from './types.js';

/** The FUSED card's retrieval k; longer lists stop being readable answers. */
export const SEARCH_RESULT_LIMIT = 10;
export const SEARCH_TEXT_LIMIT = 200;

function line(hit: RecallHit, position: number): string {
  const text = truncateText(hit.memory.text.replace(/\s+/gu, ' ').trim(), SEARCH_TEXT_LIMIT);
  return `${position + 1}. ${text} [${hit.memory.id}]`;
}

function header(shown: number, total: number): string {
  const noun = total === 1 ? 'memory' : 'memories';
  return shown < total ? `Top ${shown} of ${total} matching ${noun}:` : `${total} matching ${noun}:`;
}

/** A numbered list of the recalled memories, best first, each with its id. */
export function formatSearchResults(hits: Pick<ToolContext, 'hits'>['hits']): ToolResult {
  if (hits.length === 0) {
    return { response: 'No memories matched.', confidence: 0, citations: [], detail: { count: 0 } };
  }
  const shown = hits.slice(0, SEARCH_RESULT_LIMIT);
  return {
    response: [header(shown.length, hits.length), ...shown.map(line)].join('\n'),
    confidence: toConfidence(hits[0]?.score ?? 0),
    citations: shown.map((hit) => hit.memory.id),
    detail: { count: hits.length, shown: shown.length, scores: shown.map((hit) => hit.score) },
  };
}

/** SEARCH: lists the ranked memories retrieval found. */
export function createSearchTool(): Tool {
  return { name: 'SEARCH', run: (context) => Promise.resolve(formatSearchResults(context.hits)) };
}
