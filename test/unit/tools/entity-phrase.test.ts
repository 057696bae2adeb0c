import { describe, expect, it } from 'vitest';

import { extractEntityPhrase } from '../../../src/tools/entity-phrase.js';
import { countMemories, joinNames } from '../../../src/tools/entity-list.js';

describe('extractEntityPhrase', () => {
  it.each([
    ['What is connected to Paris?', 'Paris'],
    ['What is related to the Eiffel Tower?', 'Eiffel Tower'],
    ['Which memories are linked to "Project Apollo"?', 'Project Apollo'],
    ['Everything associated with Bob.', 'Bob'],
    ['Show the neighbors of Seine', 'Seine'],
    ['Who knows Alice?', 'Alice'],
    ['What is the relationship between Alice and Bob?', 'Alice'],
    ['Tell me about the history of Rome', 'Rome'],
    ['What do I know about an apple?', 'apple'],
    ['What is connected to Paris in my notes?', 'Paris'],
  ])('finds the entity in %j', (query, entity) => {
    expect(extractEntityPhrase(query)).toBe(entity);
  });

  it.each(['What is connected?', 'Hello there', 'connected to ?'])('finds none in %j', (query) => {
    expect(extractEntityPhrase(query)).toBeUndefined();
  });
});

describe('joinNames and countMemories', () => {
  it.each([
    [[], ''],
    [['France'], 'France'],
    [['France', 'Seine'], 'France and Seine'],
    [['France', 'Eiffel Tower', 'Seine'], 'France, Eiffel Tower and Seine'],
  ])('joins %j as %j', (names, text) => {
    expect(joinNames(names)).toBe(text);
  });

  it('counts memories in words', () => {
    expect([countMemories(1), countMemories(3)]).toEqual(['1 memory', '3 memories']);
  });
});
