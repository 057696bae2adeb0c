import { describe, expect, it } from 'vitest';

import { entityLookupKeys } from '../../../src/memory/entities.js';
import { extractEntities, MAX_ENTITIES_PER_TEXT, normalizeEntityName } from '../../../src/memory/index.js';

describe('extractEntities', () => {
  it.each([
    { text: '', expected: [] },
    { text: 'nothing capitalized here at all.', expected: [] },
    { text: 'Alice met Bob in Paris.', expected: ['Alice', 'Bob', 'Paris'] },
    { text: 'Ada Lovelace worked with Charles Babbage.', expected: ['Ada Lovelace', 'Charles Babbage'] },
    { text: 'They were set by the Bank of England today.', expected: ['Bank of England'] },
    { text: 'We listened to Ludwig van Beethoven and Leonardo da Vinci.', expected: ['Ludwig van Beethoven', 'Leonardo da Vinci'] },
    { text: 'The Bank of England raised rates.', expected: ['Bank of England'] },
    { text: 'NASA and the ESA share GPU time.', expected: ['NASA', 'ESA', 'GPU'] },
    { text: 'I ported it from JavaScript to GraphQL on my iPhone.', expected: ['JavaScript', 'GraphQL', 'iPhone'] },
    { text: 'What did Alice say?', expected: ['Alice'] },
    { text: 'Remember that Carol lives in Tokyo.', expected: ['Carol', 'Tokyo'] },
    { text: 'Who is Dave? Is he in Berlin?', expected: ['Dave', 'Berlin'] },
    { text: 'The meeting moved. Then I left.', expected: [] },
    { text: "Alice's cat met Bob's dog.", expected: ['Alice', 'Bob'] },
    { text: "Alice's Bob is here.", expected: ['Alice', 'Bob'] },
    { text: 'Paris, London and Rome.', expected: ['Paris', 'London', 'Rome'] },
    { text: 'alice met Alice and ALICE.', expected: ['Alice'] },
    { text: 'Jean-Luc Picard met O’Brien.', expected: ['Jean-Luc Picard', 'O’Brien'] },
    { text: 'The city of Paris is lovely.', expected: ['Paris'] },
    { text: 'We should visit the Museum of the City soon.', expected: ['Museum of the City'] },
    { text: 'Ask the Tate about it.', expected: ['Tate'] },
    { text: 'Hello! Compare Rust and Go.', expected: ['Rust', 'Go'] },
    { text: 'The grades were A and B.', expected: [] },
    // The documented limit: a sentence-initial common noun is indistinguishable from a name.
    { text: 'Cats purr.', expected: ['Cats'] },
    { text: 'She moved to Zürich in 2020.', expected: ['Zürich'] },
  ])('$text → $expected', ({ text, expected }) => {
    expect(extractEntities(text)).toEqual(expected);
  });

  it(`keeps at most ${MAX_ENTITIES_PER_TEXT} entities`, () => {
    const names = Array.from({ length: 30 }, (_, i) => `Name${String.fromCharCode(65 + (i % 26))}${i}x`);

    const entities = extractEntities(`We met ${names.join(', ')}.`);

    expect(entities).toEqual(names.slice(0, MAX_ENTITIES_PER_TEXT));
  });
});

describe('normalizeEntityName', () => {
  it.each([
    { name: 'Paris', expected: 'paris' },
    { name: '  Bank   of England ', expected: 'bank of england' },
    { name: "England's", expected: 'england' },
    { name: 'NASA', expected: 'nasa' },
    { name: 'Jean-Luc Picard', expected: 'jean-luc picard' },
  ])('$name → $expected', ({ name, expected }) => {
    expect(normalizeEntityName(name)).toBe(expected);
  });

  it('gives an extracted name the key its lower-case mention in a query has', () => {
    const [name] = extractEntities('The Bank of England raised rates.');

    expect(entityLookupKeys('what did the bank of england do?')).toContain(normalizeEntityName(name!));
  });
});

describe('entityLookupKeys', () => {
  it('lists every 1- to 4-word n-gram, lower-cased, once', () => {
    expect(entityLookupKeys('Is Paris near PARIS?')).toEqual([
      'is',
      'paris',
      'near',
      'is paris',
      'paris near',
      'near paris',
      'is paris near',
      'paris near paris',
      'is paris near paris',
    ]);
  });

  it('stops at four words', () => {
    const keys = entityLookupKeys('one two three four five');

    expect(keys).toContain('two three four five');
    expect(keys).not.toContain('one two three four five');
  });

  it('has no keys for a text without words', () => {
    expect(entityLookupKeys('?! ...')).toEqual([]);
  });
});
