import type { RecallHit } from '../memory/index.js';

import { contentTerms } from './content-terms.js';
import { splitSentences } from './sentence-splitter.js';

/** One sentence of a recalled memory and how well it answers the query. */
export interface RankedSentence {
  readonly text: string;
  readonly memoryId: string;
  /** The hit's retrieval score, as recalled. */
  readonly hitScore: number;
  /** Query terms this sentence contains. */
  readonly matched: ReadonlySet<string>;
  readonly score: number;
}

/** A small bonus for dense sentences breaks ties in favour of the one that is mostly answer. */
const DENSITY_WEIGHT = 0.1;

function hitWeight(hit: RecallHit, topScore: number): number {
  // Scores are relative within one recall; a weak hit still counts half.
  return topScore > 0 ? 0.5 + 0.5 * Math.min(1, Math.max(0, hit.score / topScore)) : 0.5;
}

function rankSentence(
  text: string,
  hit: RecallHit,
  queryTerms: ReadonlySet<string>,
  weight: number,
): RankedSentence {
  const terms = new Set(contentTerms(text));
  const matched = new Set([...terms].filter((term) => queryTerms.has(term)));
  const coverage = matched.size / Math.max(1, queryTerms.size);
  const density = matched.size / Math.max(1, terms.size);
  const score = coverage * weight + DENSITY_WEIGHT * density;
  return { text, memoryId: hit.memory.id, hitScore: hit.score, matched, score };
}

/** Sentences of all hits that share a query term, best first (ties keep recall order). */
export function rankSentences(hits: readonly RecallHit[], queryTerms: ReadonlySet<string>): RankedSentence[] {
  const topScore = Math.max(0, ...hits.map((hit) => hit.score));
  const seen = new Set<string>();
  const sentencesOf = (hit: RecallHit): RankedSentence[] =>
    splitSentences(hit.memory.text).map((text) => rankSentence(text, hit, queryTerms, hitWeight(hit, topScore)));
  return hits
    .flatMap(sentencesOf)
    .filter((sentence) => sentence.matched.size > 0 && !seen.has(sentence.text) && seen.add(sentence.text))
    .sort((a, b) => b.score - a.score);
}
