import { describe, expect, it } from 'vitest';

import { splitSentences } from '../../../src/tools/sentence-splitter.js';

describe('splitSentences', () => {
  it.each([
    { text: 'Paris is big. Rome is old! Is Oslo cold?', sentences: ['Paris is big.', 'Rome is old!', 'Is Oslo cold?'] },
    { text: 'Dr. Smith met Mr. Jones. They talked.', sentences: ['Dr. Smith met Mr. Jones.', 'They talked.'] },
    { text: 'Pi is about 3.14159. It never ends.', sentences: ['Pi is about 3.14159.', 'It never ends.'] },
    { text: 'Fruit, e.g. apples, is good. Eat it.', sentences: ['Fruit, e.g. apples, is good.', 'Eat it.'] },
    { text: 'J. K. Rowling wrote it. Fans loved it.', sentences: ['J. K. Rowling wrote it.', 'Fans loved it.'] },
    { text: 'It costs approx. five euros. Cheap.', sentences: ['It costs approx. five euros.', 'Cheap.'] },
    { text: 'She said "go." Then she left.', sentences: ['She said "go."', 'Then she left.'] },
    { text: 'first line\nsecond line', sentences: ['first line', 'second line'] },
    { text: 'No terminal punctuation', sentences: ['No terminal punctuation'] },
    { text: '  \n\n ', sentences: [] },
  ])('splits $text', ({ text, sentences }) => {
    expect(splitSentences(text)).toEqual(sentences);
  });
});
