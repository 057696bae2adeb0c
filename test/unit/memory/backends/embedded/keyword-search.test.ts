import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  chooseKeywordWords,
  createKeywordSearch,
  POSTINGS_BUDGET,
  toFtsMatchQuery,
} from '../../../../../src/memory/backends/embedded/keyword-search.js';
import type { SeqFilter } from '../../../../../src/memory/backends/embedded/memory-directory.js';
import { createMemoryTable } from '../../../../../src/memory/backends/embedded/memory-table.js';
import { MEMORY_MIGRATIONS } from '../../../../../src/memory/backends/embedded/schema.js';
import { queryWords } from '../../../../../src/memory/query-words.js';
import { createTermFrequencies, indexTerms } from '../../../../../src/memory/backends/embedded/term-frequencies.js';
import { migrate, openSqlite, type SqliteDatabase } from '../../../../../src/storage/index.js';

describe('queryWords', () => {
  it.each([
    { text: 'Where is the Eiffel Tower?', expected: ['eiffel', 'tower'] },
    { text: 'tower TOWER tower', expected: ['tower'] },
    { text: 'the and of', expected: ['the', 'and', 'of'] },
    { text: '', expected: [] },
    { text: '?!* -- ""', expected: [] },
    { text: 'NEAR(a b) OR title:x AND y*', expected: ['near', 'b', 'title', 'x', 'y'] },
    { text: 'say "hi" -there', expected: ['say', 'hi', 'there'] },
    { text: 'café Zürich', expected: ['café', 'zürich'] },
  ])('$text → $expected', ({ text, expected }) => {
    expect(queryWords(text)).toEqual(expected);
  });
});

describe('toFtsMatchQuery', () => {
  it('quotes every word and joins them with OR', () => {
    expect(toFtsMatchQuery(['near', 'x'])).toBe('"near" OR "x"');
  });

  it('has no query for no words', () => {
    expect(toFtsMatchQuery([])).toBeUndefined();
  });
});

describe('chooseKeywordWords', () => {
  const df = (counts: Readonly<Record<string, number | undefined>>) => (word: string) => counts[word] ?? 0;

  it.each<{ name: string; words: string[]; counts: Record<string, number>; total: number; expected: string[] }>([
    { name: 'keeps every word of a small corpus, rarest first', words: ['b', 'a'], counts: { a: 1, b: 3 }, total: 10, expected: ['a', 'b'] },
    { name: 'stops when the postings budget runs out', words: ['x', 'y', 'z'], counts: { x: 1_500, y: 10, z: 600 }, total: 100_000, expected: ['y', 'z'] },
    { name: 'always keeps the rarest word', words: ['x', 'y'], counts: { x: 5_000, y: 3_000 }, total: 100_000, expected: ['y'] },
    { name: 'skips a costly word in over half the corpus', words: ['x', 'y'], counts: { x: 9_000, y: 8_000 }, total: 10_000, expected: [] },
    { name: 'keeps a word in over half of a small corpus', words: ['x'], counts: { x: 2 }, total: 2, expected: ['x'] },
    { name: 'treats unknown words as rare', words: ['new', 'old'], counts: { old: 10 }, total: 100, expected: ['new', 'old'] },
  ])('$name', ({ words, counts, total, expected }) => {
    expect(chooseKeywordWords(words, df(counts), total)).toEqual(expected);
  });

  it('caps the OR-list at 32 words', () => {
    const words = Array.from({ length: 40 }, (_, i) => `w${i}`);

    expect(chooseKeywordWords(words, () => 0, 100)).toHaveLength(32);
  });

  it('has a budget large enough for any small corpus', () => {
    expect(POSTINGS_BUDGET).toBeGreaterThanOrEqual(1_000);
  });
});

describe('indexTerms', () => {
  it('folds case and accents like unicode61 remove_diacritics 2, once per term', () => {
    expect(indexTerms('Café CAFE Zürich naïve')).toEqual(['cafe', 'zurich', 'naive']);
  });
});

describe('keyword search', () => {
  let db: SqliteDatabase;
  let seqs: number[];
  let search: ReturnType<typeof createKeywordSearch>;
  const tenants = new Map<number, string>();
  const times = new Map<number, number>();
  const acceptIn = (tenant: string, startMs = -Infinity, endMs = Infinity): SeqFilter => ({
    accept: (seq) => tenants.get(seq) === tenant && (times.get(seq) ?? 0) >= startMs && (times.get(seq) ?? 0) <= endMs,
    expectedRate: 0.5,
  });

  beforeEach(() => {
    db = openSqlite(':memory:');
    migrate(db, MEMORY_MIGRATIONS);
    const table = createMemoryTable(db);
    const insert = (tenant: string, text: string, createdAt: number): number => {
      const seq = table.insert({ id: `mem_${text}`, tenant, text, createdAt, tags: '[]', entities: '[]', source: null, sessionId: null, vector: Buffer.alloc(4), projected: null });
      tenants.set(seq, tenant);
      times.set(seq, createdAt);
      return seq;
    };
    seqs = [
      insert('t', 'The café in Zürich serves tea', 100),
      insert('t', 'Tea tea tea everywhere', 200),
      insert('other', 'Tea for another tenant', 300),
    ];
    search = createKeywordSearch({ db, terms: createTermFrequencies(db), totalDocs: () => seqs.length });
  });

  afterEach(() => {
    db.close();
  });

  it('ranks by BM25 and keeps only accepted rows', () => {
    expect(search('tea', 10, acceptIn('t'))).toEqual([seqs[1], seqs[0]]);
  });

  it('folds diacritics both ways', () => {
    expect(search('cafe zurich', 10, acceptIn('t'))).toEqual([seqs[0]]);
  });

  it('survives FTS5 syntax in user text', () => {
    expect(() => search('tea" OR NEAR(x y) * -col:', 10, acceptIn('t'))).not.toThrow();
    expect(search('"', 10, acceptIn('t'))).toEqual([]);
  });

  it('applies the filter and the limit', () => {
    expect(search('tea', 10, acceptIn('t', 150, 250))).toEqual([seqs[1]]);
    expect(search('tea', 1, acceptIn('t'))).toHaveLength(1);
  });

  it('reads term counts from the FTS vocabulary', () => {
    const terms = createTermFrequencies(db);

    expect(terms.docFrequency('Tea')).toBe(3);
    expect(terms.docFrequency('Café')).toBe(1);
    terms.removeText('tea time');
    expect(terms.docFrequency('tea')).toBe(2);
  });
});
