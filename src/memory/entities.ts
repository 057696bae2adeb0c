import { ENTITY_STOPWORDS, NAME_CONNECTORS } from './entity-words.js';

/** At most this many entities are kept per text, so one long memory cannot flood the graph. */
export const MAX_ENTITIES_PER_TEXT = 16;
/** Longest name (in words) a query n-gram lookup can match. */
export const MAX_ENTITY_WORDS = 4;
/** Cap on query n-grams, which bounds the size of the lookup's `IN (...)` list. */
const MAX_LOOKUP_KEYS = 256;
/** At most this many connectors in a row inside a name ("van der"). */
const MAX_CONNECTOR_RUN = 2;

// Letters/digits, with inner apostrophes or hyphens kept ("O'Brien", "Jean-Luc", "Alice's").
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’-][\p{L}\p{N}\p{M}]+)*/gu;
const POSSESSIVE = /['’]s$/u;
const SENTENCE_BREAK = /[.!?;:\n]/u;
const STARTS_UPPER = /^\p{Lu}/u;
const CAMEL_HUMP = /\p{Ll}\p{Lu}/u;

interface Word {
  readonly text: string;
  /** First word of a sentence (where capitals say nothing about names). */
  readonly sentenceStart: boolean;
  /** Only whitespace separates it from the previous word, so a name may continue through it. */
  readonly joined: boolean;
  /** It carried a possessive 's (already stripped), which ends any name it is part of. */
  readonly possessive: boolean;
}

function scanWords(text: string): Word[] {
  const words: Word[] = [];
  let previousEnd = -1;
  for (const match of text.matchAll(WORD)) {
    const gap = previousEnd < 0 ? '' : text.slice(previousEnd, match.index);
    const raw = match[0];
    words.push({
      text: raw.replace(POSSESSIVE, ''),
      sentenceStart: previousEnd < 0 || SENTENCE_BREAK.test(gap),
      joined: previousEnd >= 0 && gap.trim() === '',
      possessive: POSSESSIVE.test(raw),
    });
    previousEnd = match.index + raw.length;
  }
  return words;
}

/** Capitalized ("Paris"), ALL-CAPS ("NASA") or CamelCase ("iPhone", "GraphQL"). */
function isNameLike(word: string): boolean {
  return STARTS_UPPER.test(word) || CAMEL_HUMP.test(word);
}

function isStopword(word: Word): boolean {
  return ENTITY_STOPWORDS.has(word.text.toLowerCase());
}

/**
 * Trims a run of name-like words to the name inside it: a sentence-initial run loses its leading
 * function words ("What Alice" → "Alice"), any run loses a leading pronoun "I", and connectors
 * left at the front go too. Lone stopwords and lone single letters are not names.
 */
function trimRun(run: readonly Word[]): string | undefined {
  const sentenceInitial = run[0]?.sentenceStart === true;
  let start = 0;
  while (start < run.length) {
    const word = run[start];
    const droppable =
      word !== undefined &&
      ((sentenceInitial && isStopword(word)) || word.text === 'I' || !isNameLike(word.text));
    if (!droppable) {
      break;
    }
    start += 1;
  }
  const kept = run.slice(start);
  const only = kept.length === 1 ? kept[0] : undefined;
  if (kept.length === 0 || (only !== undefined && (isStopword(only) || only.text.length < 2))) {
    return undefined;
  }
  return kept.map((word) => word.text).join(' ');
}

/** "the" only continues a name after another connector ("Museum of the City", not "Visit the Museum"). */
function isConnector(word: string, connectorsSoFar: number): boolean {
  return NAME_CONNECTORS.has(word) && connectorsSoFar < MAX_CONNECTOR_RUN && (word !== 'the' || connectorsSoFar > 0);
}

/** Groups words into runs of name-like words, allowing short connector runs between them. */
function nameRuns(words: readonly Word[]): Word[][] {
  const runs: Word[][] = [];
  let run: Word[] = [];
  let connectors: Word[] = [];
  const flush = (): void => {
    if (run.length > 0) {
      runs.push(run);
    }
    run = [];
    connectors = [];
  };
  for (const word of words) {
    if (!word.joined || word.sentenceStart) {
      flush();
    }
    if (isNameLike(word.text)) {
      run.push(...connectors, word);
      connectors = [];
    } else if (run.length > 0 && isConnector(word.text, connectors.length)) {
      connectors.push(word);
    } else {
      flush();
    }
    if (word.possessive) {
      flush();
    }
  }
  flush();
  return runs;
}

/**
 * The key two spellings of one entity share: words as {@link extractEntities} splits them,
 * possessive 's dropped, lower-cased, joined by one space ("Bank of England's" → "bank of england").
 */
export function normalizeEntityName(name: string): string {
  return scanWords(name.normalize('NFKC'))
    .map((word) => word.text.toLowerCase())
    .join(' ');
}

/**
 * Names mentioned in a text, in order of first appearance, deduplicated case-insensitively
 * (the first spelling wins) and capped at {@link MAX_ENTITIES_PER_TEXT}. The rules:
 *
 * - A name is a run of words that start with a capital ("Ada Lovelace"), are ALL-CAPS acronyms
 *   ("NASA", "GPU") or CamelCase ("iPhone", "GraphQL").
 * - Up to two lower-case connectors may sit inside a run ("Bank of England", "Ludwig van
 *   Beethoven", "Museum of the City"); "the" only after another connector; trailing
 *   connectors are not part of the name.
 * - Punctuation other than inner apostrophes and hyphens ends a run ("Paris, London" is two).
 * - A possessive 's is stripped and ends the run ("Alice's Bob" → "Alice", "Bob").
 * - At the start of a sentence capitals say nothing, so leading function words are dropped
 *   ("The", "What", "Remember", "Who", "Is", …: see `ENTITY_STOPWORDS`); a run that is only such a
 *   word, or a single letter ("I", "A"), is no name at all.
 *
 * Heuristic by design: a capitalized common noun opening a sentence ("Cats purr.") still counts.
 */
export function extractEntities(text: string): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const run of nameRuns(scanWords(text.normalize('NFKC')))) {
    const name = trimRun(run);
    const key = name === undefined ? undefined : name.toLowerCase();
    if (name !== undefined && key !== undefined && !seen.has(key)) {
      seen.add(key);
      names.push(name);
    }
    if (names.length >= MAX_ENTITIES_PER_TEXT) {
      break;
    }
  }
  return names;
}

/**
 * Every 1..{@link MAX_ENTITY_WORDS}-word n-gram of a query in normalized form, for an exact
 * `norm_name IN (...)` lookup. Matching this way ignores case, so "what is connected to paris?"
 * finds the entity "Paris" (the original compared case-sensitively and never matched).
 */
export function entityLookupKeys(queryText: string): string[] {
  const words = scanWords(queryText.normalize('NFKC')).map((word) => word.text.toLowerCase());
  const keys = new Set<string>();
  for (let size = 1; size <= MAX_ENTITY_WORDS; size++) {
    for (let start = 0; start + size <= words.length; start++) {
      keys.add(words.slice(start, start + size).join(' '));
    }
  }
  return [...keys].slice(0, MAX_LOOKUP_KEYS);
}
