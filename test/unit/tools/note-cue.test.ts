import { describe, expect, it } from 'vitest';

import { stripNoteCue } from '../../../src/tools/note-cue.js';

describe('stripNoteCue', () => {
  it.each([
    ['Remember that the sky is blue', 'the sky is blue'],
    ['Please note that the office moved to Berlin.', 'the office moved to Berlin.'],
    ['Note: buy milk', 'buy milk'],
    ["Don't forget that Bob is vegan", 'Bob is vegan'],
    ['do not forget: dentist on Friday', 'dentist on Friday'],
    ['Keep in mind that Alice prefers tea', 'Alice prefers tea'],
    ['remember, the code is 1234', 'the code is 1234'],
    ['Save this: wifi password is hunter2', 'wifi password is hunter2'],
    ['The sky is blue', 'The sky is blue'],
    ['Remembering names is hard', 'Remembering names is hard'],
    ['  Remember that   ', ''],
    ['Note:', ''],
  ])('turns %j into %j', (text, expected) => {
    expect(stripNoteCue(text)).toBe(expected);
  });
});
