/** Cues before the entity a graph question is about, most specific first. */
const ENTITY_CUES: readonly RegExp[] = [
  /\brelation(?:ship)?s?\s+between\s+(.+?)\s+and\s/iu,
  /\b(?:connected|related|linked|tied)\s+(?:to|with)\s+(.+)$/iu,
  /\bassociated\s+with\s+(.+)$/iu,
  /\bneighbou?rs\s+of\s+(.+)$/iu,
  /\bwho\s+knows\s+(.+)$/iu,
  // Greedy prefix: the last "about"/"of" wins ("the history of Rome" → "Rome").
  /^.*\b(?:about|of)\s+(.+)$/iu,
];

const TRAILING_SCOPE = /\s+(?:in|from|among)\s+(?:my|our|the)\s+(?:notes|memories|memory|records)$/iu;
const MAX_PHRASE_LENGTH = 80;

function cleanPhrase(phrase: string): string {
  return phrase
    .trim()
    .replace(/[\s?.!,;:"'’”)]+$/u, '')
    .replace(TRAILING_SCOPE, '')
    .replace(/^["'‘“(]+/u, '')
    .replace(/^(?:the|a|an)\s+/iu, '')
    .trim()
    .slice(0, MAX_PHRASE_LENGTH);
}

/** The entity a question asks about ("What is connected to the Seine?" → "Seine"), if it names one. */
export function extractEntityPhrase(query: string): string | undefined {
  for (const cue of ENTITY_CUES) {
    const phrase = cleanPhrase(cue.exec(query)?.[1] ?? '');
    if (phrase.length > 0) {
      return phrase;
    }
  }
  return undefined;
}
