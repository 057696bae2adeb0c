import { describe, expect, it } from 'vitest';

import { contentTerms, stem } from '../../../src/tools/content-terms.js';

describe('contentTerms', () => {
  it('drops stopwords and question words, lower-cases, and strips possessives', () => {
    expect(contentTerms("What is the capital of France's neighbour?")).toEqual(['capital', 'franc', 'neighbour']);
  });

  it.each([
    ['cities', 'city'],
    ['boxes', 'box'],
    ['capitals', 'capital'],
    ['running', 'run'],
    ['stopped', 'stop'],
    ['located', 'locat'],
    ['locate', 'locat'],
    ['lives', 'live'],
    ['live', 'live'],
    ['glass', 'glass'],
    ['bus', 'bus'],
  ])('stems %s to %s', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });
});
