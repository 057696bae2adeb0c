import type { MotifName } from '../shared/index.js';

/** One cue for a motif: the first match of `pattern` yields the motif with `score`. */
export interface MotifRule {
  readonly name: MotifName;
  readonly pattern: RegExp;
  readonly score: number;
  /** Cues such as "hi" only mean a greeting in short messages; longer texts halve the score. */
  readonly shortOnly?: boolean;
}

/** A non-capturing alternation of words (which may hold regex syntax such as `\s+`). */
function anyOf(words: readonly string[]): string {
  return `(?:${words.join('|')})`;
}

const WH = anyOf(['what', 'who', 'whom', 'whose', 'which', 'where', 'when', 'why', 'how']);
const AUX = anyOf([
  'is', 'are', 'was', 'were', 'am', 'do', 'does', 'did', 'can', 'could', 'will', 'would', 'should',
  'shall', 'may', 'might', 'must', 'has', 'have', 'had',
]);
const MONTH = anyOf([
  'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october',
  'november', 'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct',
  'nov', 'dec',
]);
const WEEKDAY = anyOf(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
const IMPERATIVE = anyOf([
  'list', 'show', 'find', 'search', 'tell', 'give', 'write', 'store', 'save', 'calculate', 'compute',
  'evaluate', 'explain', 'describe', 'summari[sz]e', 'get', 'fetch', 'display', 'add', 'create',
  'delete', 'remove', 'forget', 'remember', 'note', 'count', 'name', 'define', 'compare',
  String.raw`look\s+up`, 'recall', 'record', 'keep', 'track',
]);
// A binary operator between operands; "-" and "/" must not be the separators of a date.
const NUMERIC_OPERATOR = String.raw`(?:[+*^×÷%]|\*\*|-(?!\d+-)|\/(?!\d+\/)|x(?=\s*\d))`;
const WORD_OPERATOR = String.raw`(?:plus|minus|times|multiplied\s+by|divided\s+by|over|mod(?:ulo)?|to\s+the\s+power\s+of)`;

function rule(name: MotifName, source: string, score: number, shortOnly = false): MotifRule {
  return { name, pattern: new RegExp(source, 'iu'), score, shortOnly };
}

/** Every cue, strongest first within a motif; each motif in MOTIF_NAMES has at least one. */
export const MOTIF_RULES: readonly MotifRule[] = [
  rule('question', String.raw`^\s*${AUX}\b[^?]*\?`, 0.95),
  rule('question', String.raw`^\s*${WH}\b[^?]*\?`, 0.95),
  rule('question', String.raw`\?`, 0.85),
  rule('question', String.raw`^\s*${AUX}\s+(?:you|i|we|they|he|she|there)\b`, 0.75),
  rule('question', String.raw`^\s*${WH}(?:'s|'re)?\b`, 0.7),
  rule('definition', String.raw`\b(?:define|definition\s+of)\b`, 0.95),
  rule('definition', String.raw`\b(?:meaning\s+of|what\s+does\s+[\p{L}\p{N}-]+\s+mean)\b`, 0.9),
  rule('definition', String.raw`\bwhat(?:'s|\s+is|\s+are)\s+an?\s+\p{L}`, 0.85),
  rule('definition', String.raw`^\s*what(?:'s|\s+is|\s+are)\s+(?!the\b|it\b|this\b|that\b)\p{L}[\p{L}-]*\s*\??\s*$`, 0.7),
  rule('comparison', String.raw`\bdifferences?\s+between\b`, 0.95),
  rule('comparison', String.raw`\b(?:compare[sd]?|comparing|comparison|versus|vs\b\.?)`, 0.9),
  rule('comparison', String.raw`\b(?:better|worse|more|less|fewer)\s+than\b`, 0.85),
  rule('comparison', String.raw`\b(?!(?:other|rather|either|neither|whether|never|ever|after|under|over|order)\b)\p{L}{2,}er\s+than\b`, 0.7),
  rule('cause-effect', String.raw`\bbecause\b|\bdue\s+to\b`, 0.9),
  rule('cause-effect', String.raw`\bwhy\b`, 0.85),
  rule('cause-effect', String.raw`\b(?:caus(?:e|es|ed|ing)|leads?\s+to|led\s+to|result(?:s|ed)?\s+(?:of|in|from)|as\s+a\s+result|effects?\s+of)\b`, 0.8),
  rule('cause-effect', String.raw`\b(?:therefore|consequently|hence)\b`, 0.6),
  rule('condition', String.raw`\b(?:if|unless)\b.+\bthen\b`, 0.95),
  rule('condition', String.raw`\bwhat\s+(?:happens|would\s+happen|will\s+happen)\s+(?:if|when|unless)\b|\bwhat\s+if\b`, 0.9),
  rule('condition', String.raw`\bwhen\b.+\bthen\b`, 0.85),
  rule('condition', String.raw`\b(?:if|unless)\b`, 0.7),
  rule('condition', String.raw`\b(?:provided\s+that|assuming|in\s+case|otherwise)\b`, 0.6),
  rule('arithmetic', String.raw`(?<![\p{L}\d.-])\d[\d,]*(?:\.\d+)?\s*${NUMERIC_OPERATOR}\s*[-(]?\s*\.?\d`, 0.95),
  rule('arithmetic', String.raw`\d\s*${WORD_OPERATOR}\s+[-(]?\d`, 0.9),
  rule('arithmetic', String.raw`\d\s*(?:%|percent)\s+of\b|\b(?:square|cube)\s+root\s+of\b|\bsqrt\s*\(|\d\s*(?:squared|cubed)\b`, 0.9),
  rule('arithmetic', String.raw`\b(?:calculate|compute|evaluate)\b`, 0.6),
  rule('remember', String.raw`\b(?:remember|note)\s+that\b|^\s*(?:please\s+)?note\s*:`, 0.95),
  rule('remember', String.raw`\b(?:don'?t|do\s+not|never)\s+forget\b|\bkeep\s+in\s+mind\b`, 0.9),
  rule('remember', String.raw`\b(?:save|store|record)\s+(?:this|that)\b|\bmake\s+a\s+note\b|\bwrite\s+(?:this|that)\s+down\b`, 0.85),
  rule('remember', String.raw`^\s*(?:please\s+)?remember\b`, 0.8),
  rule('command', String.raw`^\s*please\s+${IMPERATIVE}\b`, 0.9),
  rule('command', String.raw`^\s*${IMPERATIVE}\b`, 0.8),
  rule('listing', String.raw`^\s*(?:please\s+)?list\b|\blist\s+(?:all|every|my)\b`, 0.9),
  rule('listing', String.raw`\bshow\s+(?:me\s+)?(?:all|every|everything)\b|\beverything\s+(?:about|on|regarding)\b`, 0.9),
  rule('listing', String.raw`\bsearch\s+(?:for|my|memories|notes)\b|\bwhich\s+(?:memories|notes|entries|records|facts)\b`, 0.85),
  rule('listing', String.raw`\ball\s+(?:memories|notes|facts|entries)\b|\bwhat\s+do\s+(?:you|i)\s+know\s+about\b`, 0.8),
  rule('listing', String.raw`\bfind\b`, 0.7),
  rule('relation-lookup', String.raw`\brelation(?:ship)?s?\s+between\b`, 0.95),
  rule('relation-lookup', String.raw`\b(?:connected|related|linked|tied)\s+(?:to|with)\b|\bassociated\s+with\b|\bneighbou?rs\s+of\b`, 0.9),
  rule('relation-lookup', String.raw`\bwho\s+knows\b|\bconnections?\s+(?:of|to|between)\b`, 0.85),
  rule('temporal', String.raw`\b\d{4}-\d{2}-\d{2}\b|\b\d+\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago\b`, 0.95),
  rule('temporal', String.raw`\b(?:yesterday|today|tomorrow|tonight)\b|\b(?:last|next|this|past)\s+(?:week|month|year|night|weekend|time|${WEEKDAY})\b`, 0.9),
  rule('temporal', String.raw`\b(?:${MONTH}|${WEEKDAY})\b|\bmay\s+\d{1,2}\b`, 0.8),
  rule('temporal', String.raw`\b(?:1[89]|20)\d{2}\b|\bwhen\b`, 0.75),
  rule('temporal', String.raw`\b(?:before|after|since|until|ago|during|recently|earlier|later)\b`, 0.6),
  rule('greeting', String.raw`^\s*(?:hi|hello|hey|howdy|greetings|good\s+(?:morning|afternoon|evening)|thanks|thank\s+you|thx|cheers)\b`, 0.9, true),
  rule('greeting', String.raw`\b(?:hi|hello|hey|thanks|thank\s+you)\b`, 0.6, true),
];
