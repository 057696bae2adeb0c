import { describe, expect, it } from 'vitest';

import { formatSearchResults, SEARCH_RESULT_LIMIT } from '../../../src/tools/search.js';
import { truncateText } from '../../../src/tools/truncate-text.js';

import { hit } from './recall-hits.js';

describe('formatSearchResults', () => {
  it('numbers the memories in ranked order with their ids', () => {
    const result = formatSearchResults([hit('mem_a', 'Paris is in France.', 0.82), hit('mem_b', 'Rome is in Italy.', 0.5)]);
    expect(result.response).toBe('2 matching memories:\n1. Paris is in France. [mem_a]\n2. Rome is in Italy. [mem_b]');
    expect(result.citations).toEqual(['mem_a', 'mem_b']);
    expect(result.confidence).toBe(0.82);
  });

  it('truncates long texts at 200 characters', () => {
    const long = 'word '.repeat(100);
    const line = formatSearchResults([hit('mem_long', long, 1)]).response.split('\n')[1]!;
    const text = line.slice('1. '.length, line.indexOf(' [mem_long]'));
    expect(text.length).toBeLessThanOrEqual(200);
    expect(text.endsWith('…')).toBe(true);
  });

  it(`shows at most ${SEARCH_RESULT_LIMIT} memories and says how many matched`, () => {
    const hits = Array.from({ length: 12 }, (_, i) => hit(`mem_${i}`, `fact ${i}`, 1 - i / 20));
    const result = formatSearchResults(hits);
    expect(result.response.startsWith(`Top ${SEARCH_RESULT_LIMIT} of 12 matching memories:`)).toBe(true);
    expect(result.citations).toHaveLength(SEARCH_RESULT_LIMIT);
  });

  it('says so when nothing matched', () => {
    expect(formatSearchResults([])).toMatchObject({ response: 'No memories matched.', confidence: 0, citations: [] });
  });
});

describe('truncateText', () => {
  it.each([
    ['short', 10, 'short'],
    ['one two three four', 12, 'one two…'],
    ['abcdefghijklmnop', 8, 'abcdefg…'],
    ['ab😀cd', 4, 'ab…'],
  ])('cuts %j to %i characters as %j', (text, max, expected) => {
    expect(truncateText(text, max)).toBe(expected);
  });
});
