import type { RecallHit } from '../memory/index.js';
import { cosine, type Vector } from '../shared/index.js';

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
  /** Cosine of the query and the sentence's memory embeddings (0 without vectors). */
  readonly relevance: number;
  readonly score: number;
}

/** A small bonus for dense sentences breaks ties in favour of the one that is mostly answer. */
const DENSITY_WEIGHT = 0.1;
/** How much the memory's embedding similarity counts next to word coverage. */
const RELEVANCE_WEIGHT = 0.6;
/**
 * A sentence that shares no word with the query still qualifies when its memory is this close
 * in meaning: paraphrases under a semantic model score ~0.5-0.8, unrelated text below ~0.3.
 */
export const MIN_PARAPHRASE_RELEVANCE = 0.45;

function hitWeight(hit: RecallHit, topScore: number): number {
  // Scores are relative within one recall; a weak hit still counts half.
  return topScore > 0 ? 0.5 + 0.5 * Math.min(1, Math.max(0, hit.score / topScore)) : 0.5;
}

interface SentenceOf {
  readonly hit: RecallHit;
  readonly weight: number;
  readonly relevance: number;
}

function rankSentence(text: string, of: SentenceOf, queryTerms: ReadonlySet<string>): RankedSentence {
  const terms = new Set(contentTerms(text));
  const matched = new Set([...terms].filter((term) => queryTerms.has(term)));
  const coverage = matched.size / Math.max(1, queryTerms.size);
  const density = matched.size / Math.max(1, terms.size);
  const score = coverage * of.weight + RELEVANCE_WEIGHT * of.relevance + DENSITY_WEIGHT * density;
  return { text, memoryId: of.hit.memory.id, hitScore: of.hit.score, matched, relevance: of.relevance, score };
}

const qualifies = (sentence: RankedSentence): boolean =>
  sentence.matched.size > 0 || sentence.relevance >= MIN_PARAPHRASE_RELEVANCE;

/**
 * Sentences of all hits that share a query term or whose memory is close in meaning, best
 * first (ties keep recall order).
 */
export function rankSentences(hits: readonly RecallHit[], queryTerms: ReadonlySet<string>, queryVector?: Vector): RankedSentence[] {
  const topScore = Math.max(0, ...hits.map((hit) => hit.score));
  const seen = new Set<string>();
  const sentencesOf = (hit: RecallHit): RankedSentence[] => {
    const of = { hit, weight: hitWeight(hit, topScore), relevance: queryVector === undefined ? 0 : Math.max(0, cosine(queryVector, hit.vector)) };
    return splitSentences(hit.memory.text).map((text) => rankSentence(text, of, queryTerms));
  };
  return hits
    .flatMap(sentencesOf)
    .filter((sentence) => qualifies(sentence) && !seen.has(sentence.text) && seen.add(sentence.text))
    .sort((a, b) => b.score - a.score);
}
