import { STOPWORDS } from './stopwords.js';

const MIN_STEM_LENGTH = 3;

function stripSuffix(word: string, suffix: string, replacement = ''): string | undefined {
  const stem = word.slice(0, -suffix.length);
  return word.endsWith(suffix) && stem.length >= MIN_STEM_LENGTH ? stem + replacement : undefined;
}

// "running" → "runn" → "run", "stopped" → "stopp" → "stop".
function undoubleEnd(stem: string): string {
  const last = stem.at(-1) ?? '';
  return stem.length > MIN_STEM_LENGTH && stem.at(-2) === last && !'lsz'.includes(last) ? stem.slice(0, -1) : stem;
}

function stripInflection(word: string): string {
  return (
    stripSuffix(word, 'ies', 'y') ??
    (/(?:s|x|z|ch|sh)es$/u.test(word) ? stripSuffix(word, 'es') : undefined) ??
    (/[^su]s$/u.test(word) ? stripSuffix(word, 's') : undefined) ??
    mapDefined(stripSuffix(word, 'ing'), undoubleEnd) ??
    mapDefined(stripSuffix(word, 'ed'), undoubleEnd) ??
    word
  );
}

function mapDefined(value: string | undefined, map: (value: string) => string): string | undefined {
  return value === undefined ? undefined : map(value);
}

/**
 * Light stemming, applied to both query and memory so they meet halfway: plural and -ed/-ing
 * endings go, then a final "e" ("located", "locate" and "locating" all become "locat").
 */
export function stem(word: string): string {
  const stemmed = stripInflection(word);
  return stemmed.length > MIN_STEM_LENGTH + 1 && stemmed.endsWith('e') ? stemmed.slice(0, -1) : stemmed;
}

/** Lower-cased, stemmed words of a text minus stopwords, in order, possessive "'s" dropped. */
export function contentTerms(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? [];
  return words
    .map((word) => word.replace(/['’]s$/u, ''))
    .filter((word) => !STOPWORDS.has(word))
    .map(stem);
}
