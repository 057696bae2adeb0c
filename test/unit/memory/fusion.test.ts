import { describe, expect, it } from 'vitest';

import { reciprocalRankFusion, RRF_K, type RankedList } from '../../../src/memory/index.js';

type Source = 'VECTOR' | 'KEYWORD' | 'GRAPH';
const list = (source: Source, keys: string[]): RankedList<string, Source> => ({ source, keys });
const max = (lists: number): number => lists / (RRF_K + 1);

describe('reciprocalRankFusion', () => {
  it.each([
    {
      name: 'no lists',
      lists: [],
      expected: [],
    },
    {
      name: 'one list keeps its order; rank 1 scores 1',
      lists: [list('VECTOR', ['a', 'b'])],
      expected: [
        { key: 'a', score: 1, sources: ['VECTOR'] },
        { key: 'b', score: 1 / (RRF_K + 2) / max(1), sources: ['VECTOR'] },
      ],
    },
    {
      name: 'agreement beats a single first place',
      lists: [list('VECTOR', ['a', 'b']), list('KEYWORD', ['c', 'b'])],
      expected: [
        { key: 'b', score: (2 / (RRF_K + 2)) / max(2), sources: ['VECTOR', 'KEYWORD'] },
        { key: 'a', score: 1 / (RRF_K + 1) / max(2), sources: ['VECTOR'] },
        { key: 'c', score: 1 / (RRF_K + 1) / max(2), sources: ['KEYWORD'] },
      ],
    },
    {
      name: 'first in every list scores exactly 1',
      lists: [list('VECTOR', ['x', 'y']), list('KEYWORD', ['x']), list('GRAPH', ['x', 'y'])],
      expected: [
        { key: 'x', score: 1, sources: ['VECTOR', 'KEYWORD', 'GRAPH'] },
        { key: 'y', score: (2 / (RRF_K + 2)) / max(3), sources: ['VECTOR', 'GRAPH'] },
      ],
    },
    {
      name: 'a key repeated inside one list counts once, at its best rank',
      lists: [list('VECTOR', ['a', 'a', 'b'])],
      expected: [
        { key: 'a', score: 1, sources: ['VECTOR'] },
        { key: 'b', score: 1 / (RRF_K + 3) / max(1), sources: ['VECTOR'] },
      ],
    },
    {
      name: 'an empty list still counts towards the maximum',
      lists: [list('VECTOR', ['a']), list('KEYWORD', [])],
      expected: [{ key: 'a', score: 0.5, sources: ['VECTOR'] }],
    },
  ])('$name', ({ lists, expected }) => {
    const fused = reciprocalRankFusion(lists);

    expect(fused.map((item) => item.key)).toEqual(expected.map((item) => item.key));
    fused.forEach((item, i) => {
      expect(item.score).toBeCloseTo(expected[i]!.score, 12);
      expect(item.sources).toEqual(expected[i]!.sources);
    });
  });

  it('breaks equal sums by best single rank, then by first appearance', () => {
    // p: ranks 1 and 3; q: rank 2 twice. Equal sums would need exact ties, so compare r and s instead.
    const fused = reciprocalRankFusion([list('VECTOR', ['r', 's']), list('KEYWORD', ['s', 'r'])]);

    expect(fused[0]!.score).toBeCloseTo(fused[1]!.score, 12);
    expect(fused.map((item) => item.key)).toEqual(['r', 's']);
  });

  it('uses the k it is given', () => {
    const [first, second] = reciprocalRankFusion([list('VECTOR', ['a', 'b'])], 0);

    expect(first!.score).toBe(1);
    expect(second!.score).toBeCloseTo(0.5, 12);
  });
});

describe('weighted reciprocal rank fusion', () => {
  it('lets a heavier list decide, and normalizes by the total weight', () => {
    const fused = reciprocalRankFusion(
      [
        { source: 'VECTOR', keys: ['a', 'b'], weight: 1 },
        { source: 'KEYWORD', keys: ['b'], weight: 0.3 },
      ],
      1,
    );
    // a: 1/2 = 0.5; b: 1/3 + 0.3/2 = 0.483 — the strong list's first item stays first.
    expect(fused.map((item) => item.key)).toEqual(['a', 'b']);
    expect(fused[0]!.score).toBeCloseTo(0.5 / (1.3 / 2), 10);
  });
});
