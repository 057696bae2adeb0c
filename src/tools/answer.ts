import { toConfidence } from './confidence.js';
import { contentTerms } from './content-terms.js';
import { rankSentences, type RankedSentence } from './sentence-ranking.js';
import type { Tool, ToolContext, ToolResult } from './types.js';

/** A second sentence must score at least this share of the best one. */
const SECOND_SENTENCE_RATIO = 0.6;
const MAX_CONFIDENCE = 0.95;
const NO_ANSWER = "I don't have a memory that answers that.";

function noAnswer(reason: string, queryTerms: readonly string[], confidence: number): ToolResult {
  return { response: NO_ANSWER, confidence, citations: [], detail: { reason, queryTerms } };
}

function addsNewTerms(candidate: RankedSentence, best: RankedSentence): boolean {
  return [...candidate.matched].some((term) => !best.matched.has(term));
}

/** How close in meaning the best sentence's memory is, for answers that share few words. */
function semanticConfidence(chosen: readonly RankedSentence[]): number {
  return Math.min(MAX_CONFIDENCE, 1.1 * (chosen[0]?.relevance ?? 0));
}

function pickSentences(ranked: readonly RankedSentence[]): RankedSentence[] {
  const [best, ...rest] = ranked;
  if (best === undefined) {
    return [];
  }
  const second = rest.find((c) => addsNewTerms(c, best) && c.score >= SECOND_SENTENCE_RATIO * best.score);
  return second === undefined ? [best] : [best, second];
}

/** Coverage of the query by the chosen sentences, scaled by how strongly the best one was recalled. */
function confidenceOf(chosen: readonly RankedSentence[], queryTerms: ReadonlySet<string>): number {
  const covered = new Set(chosen.flatMap((sentence) => [...sentence.matched]));
  const coverage = covered.size / Math.max(1, queryTerms.size);
  const recall = Math.min(1, Math.max(0, chosen[0]?.hitScore ?? 0));
  const lexical = Math.min(MAX_CONFIDENCE, 0.3 + 0.65 * coverage * (0.5 + 0.5 * recall));
  return toConfidence(Math.max(lexical, semanticConfidence(chosen)));
}

/** Extractive answer: the 1–2 recalled sentences that best cover the query, each cited. */
export function composeAnswer(context: Pick<ToolContext, 'query' | 'hits' | 'queryVector'>): ToolResult {
  const queryTerms = [...new Set(contentTerms(context.query))];
  if (context.hits.length === 0) {
    return noAnswer('no-hits', queryTerms, 0.05);
  }
  const termSet = new Set(queryTerms);
  const chosen = pickSentences(rankSentences(context.hits, termSet, context.queryVector));
  if (chosen.length === 0) {
    return noAnswer(queryTerms.length === 0 ? 'no-query-terms' : 'no-overlap', queryTerms, 0.1);
  }
  return {
    response: chosen.map((sentence) => `${sentence.text} [${sentence.memoryId}]`).join(' '),
    confidence: confidenceOf(chosen, termSet),
    citations: [...new Set(chosen.map((sentence) => sentence.memoryId))],
    detail: { queryTerms, matchedTerms: [...new Set(chosen.flatMap((s) => [...s.matched]))], sentences: chosen.length },
  };
}

/** ANSWER: extractive question answering over the recalled memories. */
export function createAnswerTool(): Tool {
  return { name: 'ANSWER', run: (context) => Promise.resolve(composeAnswer(context)) };
}
