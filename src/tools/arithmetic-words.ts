const NUMBER = String.raw`\d+(?:\.\d+)?|\.\d+`;
const OPERAND = String.raw`(?:-?(?:${NUMBER})|\([^()]*\))`;

/** Rewrites, applied in order, that turn spoken arithmetic and typographic symbols into operators. */
const REWRITES: readonly (readonly [RegExp, string])[] = [
  [/[×✕✖⋅·]/gu, ' * '],
  [/÷/gu, ' / '],
  [/[−–]/gu, '-'],
  // Thousands separators: "1,234,567" but not "1,2,3".
  [/(\d),(?=\d{3}(?!\d))/gu, '$1'],
  [/\*\*/gu, '^'],
  [new RegExp(String.raw`(${NUMBER})\s*(?:%|percent)\s+of\b`, 'giu'), '($1 / 100) *'],
  // A bare "50%" is a percentage; "10 % 3" stays the modulo operator.
  [new RegExp(String.raw`(${NUMBER})\s*(?:%|percent\b)(?!\s*[\d.(])`, 'giu'), '($1 / 100)'],
  [new RegExp(String.raw`\bsquare\s+root\s+of\s+(${OPERAND})`, 'giu'), 'sqrt($1)'],
  [new RegExp(String.raw`\bcube\s+root\s+of\s+(${OPERAND})`, 'giu'), 'cbrt($1)'],
  [new RegExp(String.raw`\bsqrt\s+(${NUMBER})`, 'giu'), 'sqrt($1)'],
  [new RegExp(String.raw`(${OPERAND})\s*squared\b`, 'giu'), '$1 ^ 2'],
  [new RegExp(String.raw`(${OPERAND})\s*cubed\b`, 'giu'), '$1 ^ 3'],
  [/\b(?:to\s+the\s+power\s+of|raised\s+to(?:\s+the\s+power\s+of)?)\b/giu, ' ^ '],
  [/\b(?:multiplied\s+by|times)\b/giu, ' * '],
  [/\b(?:divided\s+by|over)\b/giu, ' / '],
  [/\bplus\b/giu, ' + '],
  [/\bminus\b/giu, ' - '],
  [/\bmod(?:ulo)?\b/giu, ' mod '],
  // "10 x 5": an x between numbers is multiplication.
  [/(\d)\s*x\s*(?=\d)/giu, '$1 * '],
];

/** The text with word operators ("plus", "divided by", "15% of") rewritten as symbols. */
export function rewriteArithmeticWords(text: string): string {
  return REWRITES.reduce((current, [pattern, replacement]) => current.replace(pattern, replacement), text);
}
