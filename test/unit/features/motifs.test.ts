import { describe, expect, it } from 'vitest';

import { detectMotifs, motifNames } from '../../../src/features/index.js';
import { MOTIF_NAMES, type MotifName } from '../../../src/shared/index.js';

/** Per motif: texts that must show it and texts that must not. */
const CASES: Record<MotifName, { positive: string[]; negative: string[] }> = {
  question: {
    positive: ['What is the capital of France?', 'Is the sky blue?', 'Does Paris have a river?', 'Can you help', 'how do magnets work'],
    negative: ['The sky is blue.', 'Remember that I like tea', 'List all memories'],
  },
  definition: {
    positive: ['What is a neutron star?', 'Define entropy', 'meaning of serendipity', 'What does ephemeral mean?', 'what is photosynthesis?'],
    negative: ['What is 17 * 23?', 'What is connected to Paris?', 'The definitive guide'],
  },
  comparison: {
    positive: ['Compare Python and Rust', 'cats vs dogs', 'difference between TCP and UDP', 'Is Rust faster than Go?', 'tea is better than coffee'],
    negative: ['Tell me about Rust', 'other than that, fine', 'The compartment is empty'],
  },
  'cause-effect': {
    positive: ['Why is the sky blue?', 'It failed because of the cache', 'smoking causes cancer', 'what leads to inflation', 'delays due to rain', 'the result of the vote'],
    negative: ['The sky is blue', 'What is 2 + 2?', 'Hello there'],
  },
  condition: {
    positive: ['If it rains then we stay home', 'What happens if I delete it?', 'unless you pay, the account closes', 'when it is cold then wear a coat'],
    negative: ['Paris is in France', 'Show me everything about Rome', 'gift ideas'],
  },
  arithmetic: {
    positive: ['What is 17 * 23?', "what's 12 plus 30 divided by 3", '2^10', '15% of 80', 'square root of 144', '(3+4)*5', '1,234 + 1', '6 × 7', '9 ÷ 3', '5 squared'],
    negative: ['Meet me on 2024-05-01', 'I have 3 cats', 'The Boeing 747 landed', 'plus ça change'],
  },
  remember: {
    positive: ['Remember that the sky is blue', 'Please note that the office moved', 'Note: buy milk', "Don't forget the keys", 'save this for later', 'keep in mind that Bob is vegan'],
    negative: ['What is the capital of France?', 'The note was short', 'I forgot my keys'],
  },
  command: {
    positive: ['List all memories', 'Show me my notes', 'Find the Paris trip', 'Tell me about Rome', 'please write a poem', 'Store this fact'],
    negative: ['What is the capital of France?', 'The list is long', 'Paris is lovely'],
  },
  listing: {
    positive: ['List my notes', 'show me all notes about Paris', 'search for Paris', 'which memories mention Bob?', 'everything about Rome', 'find the receipts'],
    negative: ['Why is the sky blue?', 'What is 2 + 2?', 'I listen to music'],
  },
  'relation-lookup': {
    positive: ['What is connected to Paris?', 'things related to Rome', 'linked to the Louvre', 'associated with Bob', 'relationship between Bob and Alice', 'who knows Carol?', 'neighbors of Paris'],
    negative: ['Paris is in France', 'What is 2 + 2?', 'The relatives arrived'],
  },
  temporal: {
    positive: ['When did we meet?', 'what did I do yesterday', 'notes from last week', 'meeting on 2024-05-01', 'in 1999 we moved', 'before lunch', 'on Monday', '3 days ago'],
    negative: ['What is 2 + 2?', 'Paris is in France', 'The whenever clause'],
  },
  greeting: {
    positive: ['Hi', 'hello there', 'Hey!', 'thanks a lot', 'Good morning'],
    negative: ['This is history', 'They said nothing', 'Which one?'],
  },
};

function namesOf(text: string): MotifName[] {
  return motifNames(detectMotifs(text));
}

describe('detectMotifs', () => {
  it('has positive and negative cases for every motif in the vocabulary', () => {
    expect(Object.keys(CASES).sort()).toEqual([...MOTIF_NAMES].sort());
  });

  describe.each(MOTIF_NAMES.map((name) => ({ name, ...CASES[name] })))('$name', ({ name, positive, negative }) => {
    it.each(positive)('detects it in %j', (text) => {
      expect(namesOf(text)).toContain(name);
    });
    it.each(negative)('does not detect it in %j', (text) => {
      expect(namesOf(text)).not.toContain(name);
    });
  });

  it('reads "What is 17 * 23?" as a question with arithmetic', () => {
    expect(namesOf('What is 17 * 23?').sort()).toEqual(['arithmetic', 'question']);
  });

  it('reads "Remember that the sky is blue" as remember', () => {
    expect(namesOf('Remember that the sky is blue')).toContain('remember');
    expect(namesOf('Remember that the sky is blue')).not.toContain('question');
  });

  it('reads "What is connected to Paris?" as relation-lookup and question', () => {
    expect(namesOf('What is connected to Paris?').sort()).toEqual(['question', 'relation-lookup']);
  });

  it('keeps one motif per name, with the strongest cue', () => {
    const motifs = detectMotifs('Why? Because it rains, because it is cold.');
    expect(motifs.filter((motif) => motif.name === 'cause-effect')).toHaveLength(1);
    expect(motifs.find((motif) => motif.name === 'cause-effect')?.score).toBe(0.9);
  });

  it('orders motifs by where their cue starts, with spans pointing at the cue', () => {
    const text = 'Hello, what is 2 + 2?';
    const motifs = detectMotifs(text);
    const starts = motifs.map((motif) => motif.span[0]);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    const arithmetic = motifs.find((motif) => motif.name === 'arithmetic');
    expect(arithmetic && text.slice(...arithmetic.span)).toBe('2 + 2');
  });

  it('keeps scores in 0..1 and weakens greetings inside long messages', () => {
    const short = detectMotifs('hello').find((motif) => motif.name === 'greeting');
    const long = detectMotifs('hello, can you tell me everything you know about the Paris trip?').find((motif) => motif.name === 'greeting');
    expect(short?.score).toBeGreaterThan(long?.score ?? 1);
    for (const motif of detectMotifs('If 2 + 2 is 4, why compare it to yesterday? Remember that. Hi!')) {
      expect(motif.score).toBeGreaterThan(0);
      expect(motif.score).toBeLessThanOrEqual(1);
    }
  });

  it('finds nothing in an empty text', () => {
    expect(detectMotifs('')).toEqual([]);
  });
});
