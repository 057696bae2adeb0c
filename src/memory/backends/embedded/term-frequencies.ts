import type { SqliteDatabase } from '../../../storage/index.js';

const TOKEN = /[\p{L}\p{N}]+/gu;
const MARKS = /\p{M}/gu;

/**
 * Distinct index terms of a text, folded about as FTS5's `unicode61 remove_diacritics 2` folds
 * them (lower case, accents stripped). Only used to estimate query cost, so near enough is fine.
 */
export function indexTerms(text: string): string[] {
  return [...new Set(text.normalize('NFD').replace(MARKS, '').toLowerCase().match(TOKEN) ?? [])];
}

/**
 * How many memories (all tenants) contain each term: FTS5 keeps no per-term counts it can answer
 * cheaply (fts5vocab walks the whole doclist, ~0.2 ms for a common term), so the store mirrors
 * them in process, loaded once from `memories_vocab` and kept in step on write.
 */
export function createTermFrequencies(db: SqliteDatabase) {
  const docs = new Map<string, number>();
  for (const row of db.prepare<[], { term: string; doc: number }>('SELECT term, doc FROM memories_vocab').iterate()) {
    docs.set(row.term, row.doc);
  }
  const shift = (text: string, delta: 1 | -1): void => {
    for (const term of indexTerms(text)) {
      const next = (docs.get(term) ?? 0) + delta;
      if (next > 0) {
        docs.set(term, next);
      } else {
        docs.delete(term);
      }
    }
  };
  return {
    addText: (text: string): void => {
      shift(text, 1);
    },
    removeText: (text: string): void => {
      shift(text, -1);
    },
    /** Documents containing the (unfolded) word; 0 when unknown. */
    docFrequency: (word: string): number => docs.get(indexTerms(word)[0] ?? '') ?? 0,
  };
}

export type TermFrequencies = ReturnType<typeof createTermFrequencies>;
