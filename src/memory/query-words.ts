/** The words of a query that keyword search (FTS5 or Lucene) looks for; shared by both backends. */

// Words nearly every memory has: they add cost (every row matches) and, under BM25, no signal.
const KEYWORD_STOPWORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'did', 'do', 'does', 'for', 'from', 'had',
  'has', 'have', 'he', 'her', 'his', 'i', 'in', 'is', 'it', 'its', 'me', 'my', 'of', 'on', 'or',
  'our', 'she', 'that', 'the', 'their', 'them', 'they', 'this', 'to', 'was', 'we', 'were',
  'what', 'when', 'where', 'which', 'who', 'why', 'with', 'you', 'your',
]);

// The same character classes unicode61 treats as token characters.
const TOKEN = /[\p{L}\p{N}\p{M}]+/gu;

/** Distinct lower-case words of a query, stopwords dropped unless nothing else is left. */
export function queryWords(text: string): string[] {
  const words = [...new Set(text.toLowerCase().match(TOKEN) ?? [])];
  const content = words.filter((word) => !KEYWORD_STOPWORDS.has(word));
  return content.length > 0 ? content : words;
}
