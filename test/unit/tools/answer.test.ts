import { describe, expect, it } from 'vitest';

import { composeAnswer } from '../../../src/tools/answer.js';

import { hit } from './recall-hits.js';

const HITS = [
  hit('mem_paris', 'Paris is the capital of France. It has about 2.1 million residents.', 0.9),
  hit('mem_seine', 'The Seine flows through Paris. Dr. Lee studied the Seine in 2019.', 0.7),
  hit('mem_tokyo', 'Tokyo is the capital of Japan.', 0.4),
];

describe('composeAnswer', () => {
  it('answers with the sentence that holds the fact and cites its memory', () => {
    const result = composeAnswer({ query: 'What is the capital of France?', hits: HITS });
    expect(result.response).toBe('Paris is the capital of France. [mem_paris]');
    expect(result.citations).toEqual(['mem_paris']);
    expect(result.confidence).toBeGreaterThan(0.7);
  });

  it('adds a second sentence when it covers query words the first one misses', () => {
    const result = composeAnswer({ query: 'Which river flows through Paris, and who studied the Seine?', hits: HITS });
    expect(result.response).toContain('[mem_seine]');
    expect(result.citations).toContain('mem_seine');
    expect(result.response.split('[mem_').length - 1).toBeLessThanOrEqual(2);
  });

  it('does not add a second sentence that only repeats the matched words', () => {
    const result = composeAnswer({ query: 'capital of Japan', hits: HITS });
    expect(result.response).toBe('Tokyo is the capital of Japan. [mem_tokyo]');
  });

  it('weighs sentences by how strongly their memory was recalled', () => {
    const tie = [hit('mem_low', 'Bob likes tea.', 0.2), hit('mem_high', 'Bob likes tea a lot.', 0.9)];
    expect(composeAnswer({ query: 'What does Bob like?', hits: tie }).citations).toEqual(['mem_high']);
  });

  it('keeps abbreviations and decimals inside one sentence', () => {
    const result = composeAnswer({ query: 'How many residents does it have?', hits: HITS });
    expect(result.response).toBe('It has about 2.1 million residents. [mem_paris]');
  });

  it('says honestly that nothing answers when no sentence shares a query word', () => {
    const result = composeAnswer({ query: 'Who painted the Mona Lisa?', hits: HITS });
    expect(result.response).toBe("I don't have a memory that answers that.");
    expect(result.citations).toEqual([]);
    expect(result.confidence).toBeLessThanOrEqual(0.2);
  });

  it('says so without hits too', () => {
    const result = composeAnswer({ query: 'What is the capital of France?', hits: [] });
    expect(result.citations).toEqual([]);
    expect(result.confidence).toBeLessThanOrEqual(0.2);
  });

  it('is less confident when only part of the query is covered', () => {
    const full = composeAnswer({ query: 'capital of France', hits: HITS });
    const partial = composeAnswer({ query: 'capital of France population growth forecast', hits: HITS });
    expect(partial.confidence).toBeLessThan(full.confidence);
  });
});

describe('ANSWER with embeddings', () => {
  it('answers a paraphrase from the memory closest in meaning even when no word is shared', () => {
    const near = { ...hit('mem_krebs', 'The Krebs cycle takes place in the mitochondrial matrix.', 0.9), vector: Float32Array.from([1, 0, 0, 0]) };
    const far = { ...hit('mem_photo', 'Photosynthesis happens in the chloroplasts.', 0.8), vector: Float32Array.from([0, 1, 0, 0]) };
    const result = composeAnswer({
      query: 'Where inside the cell does the citric acid cycle happen?',
      hits: [near, far],
      queryVector: Float32Array.from([0.8, 0.2, 0, 0]),
    });
    expect(result.citations).toEqual(['mem_krebs']);
    expect(result.response).toContain('mitochondrial matrix');
    expect(result.confidence).toBeGreaterThan(0.5);
  });

  it('still declines when nothing is close in words or meaning', () => {
    const unrelated = { ...hit('mem_x', 'Bananas are rich in potassium.', 0.5), vector: Float32Array.from([0, 0, 1, 0]) };
    const result = composeAnswer({ query: 'Who painted the Mona Lisa?', hits: [unrelated], queryVector: Float32Array.from([1, 0, 0, 0]) });
    expect(result.citations).toEqual([]);
  });
});
