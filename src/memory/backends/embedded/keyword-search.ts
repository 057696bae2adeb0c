import type { SqliteDatabase } from '../../../storage/index.js';
import { queryWords } from '../../query-words.js';

import type { SeqFilter } from './memory-directory.js';
import type { TermFrequencies } from './term-frequencies.js';
import { fetchAccepted } from './widening-fetch.js';

/** Longest OR-list sent to FTS5; longer queries keep their rarest distinct words. */
const MAX_QUERY_TOKENS = 32;
/**
 * BM25 scores every document matching any OR'ed term (~0.3 µs each, with no early exit), so a
 * query keeps its rarest words while their summed document counts stay under this budget.
 */
export const POSTINGS_BUDGET = 2_000;

/**
 * The words worth sending, rarest first: always the rarest, then more while the postings stay in
 * {@link POSTINGS_BUDGET}. In a large corpus a word in over half the memories is skipped outright:
 * FTS5 gives it no weight (its IDF is clamped to ~0) yet would score every row it is in.
 */
export function chooseKeywordWords(words: readonly string[], docFrequency: (word: string) => number, totalDocs: number): string[] {
  const ranked = words
    .map((word) => ({ word, docs: docFrequency(word) }))
    .filter(({ docs }) => docs <= POSTINGS_BUDGET || docs * 2 <= totalDocs)
    .sort((a, b) => a.docs - b.docs);
  const chosen: string[] = [];
  let postings = 0;
  for (const { word, docs } of ranked) {
    if (chosen.length === MAX_QUERY_TOKENS || (chosen.length > 0 && postings + docs > POSTINGS_BUDGET)) {
      break;
    }
    chosen.push(word);
    postings += docs;
  }
  return chosen;
}

/**
 * A safe FTS5 MATCH expression: each word a quoted string, joined by OR. Quoting means no user
 * text is ever parsed as FTS5 syntax (`NEAR`, `*`, `-`, column filters). No words → undefined.
 */
export function toFtsMatchQuery(words: readonly string[]): string | undefined {
  return words.length === 0 ? undefined : words.map((word) => `"${word}"`).join(' OR ');
}

export interface KeywordSearchDeps {
  readonly db: SqliteDatabase;
  readonly terms: TermFrequencies;
  /** Memories stored, all tenants (the N of BM25). */
  readonly totalDocs: () => number;
}

/** BM25-ranked keyword search; returns seqs the filter lets through, best first. */
export function createKeywordSearch({ db, terms, totalDocs }: KeywordSearchDeps) {
  const search = db.prepare<[string, number], { seq: number }>(
    `SELECT rowid AS seq FROM memories_fts WHERE memories_fts MATCH ?
     ORDER BY bm25(memories_fts), rowid DESC LIMIT ?`,
  );
  return (text: string, limit: number, filter: SeqFilter): number[] => {
    const match = toFtsMatchQuery(chooseKeywordWords(queryWords(text), terms.docFrequency, totalDocs()));
    if (match === undefined || limit <= 0) {
      return [];
    }
    // Other tenants' rows rank alongside: over-fetch, then filter.
    return fetchAccepted({
      fetch: (want) => search.all(match, want).map((row) => row.seq),
      accept: filter.accept,
      expectedRate: filter.expectedRate,
      limit,
    });
  };
}
