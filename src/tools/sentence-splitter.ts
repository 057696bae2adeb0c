/** Words whose trailing period does not end a sentence ("Dr. Smith", "e.g. this"). */
const ABBREVIATIONS: ReadonlySet<string> = new Set([
  'dr', 'mr', 'mrs', 'ms', 'prof', 'sr', 'jr', 'st', 'mt', 'vs', 'etc', 'e.g', 'i.e', 'cf', 'al',
  'inc', 'ltd', 'co', 'corp', 'no', 'nos', 'fig', 'approx', 'dept', 'est', 'gen', 'gov', 'lt',
  'col', 'capt', 'sgt', 'rev', 'ave', 'blvd', 'rd', 'u.s', 'u.k', 'a.m', 'p.m', 'jan', 'feb', 'mar',
  'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

/** Sentence end: terminal punctuation, optional closing quotes/brackets, then whitespace. */
const BOUNDARY = /([.!?]+)["'”’)\]]*\s+/gu;

function lastWord(text: string): string {
  const words = text.trimEnd().split(/\s+/u);
  return (words.at(-1) ?? '').replace(/^["'“‘([]+/u, '').toLowerCase();
}

function isFalseStop(before: string, punctuation: string, after: string): boolean {
  if (punctuation !== '.') {
    return false;
  }
  const word = lastWord(before);
  // Initials ("J. K. Rowling"), known abbreviations, or a lower-case continuation ("approx. five").
  return /^\p{L}$/u.test(word) || ABBREVIATIONS.has(word) || /^\p{Ll}/u.test(after);
}

function splitLine(line: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (const match of line.matchAll(BOUNDARY)) {
    const end = match.index + match[0].length;
    if (!isFalseStop(line.slice(start, match.index), match[1] ?? '', line.slice(end))) {
      sentences.push(line.slice(start, end).trim());
      start = end;
    }
  }
  sentences.push(line.slice(start).trim());
  return sentences;
}

/** Splits text into sentences; line breaks always end one, decimals ("3.14") never do. */
export function splitSentences(text: string): string[] {
  return text
    .split(/\r?\n+/u)
    .flatMap(splitLine)
    .filter((sentence) => sentence.length > 0);
}
