import { rewriteArithmeticWords } from './arithmetic-words.js';

/** Longer expressions are refused before they reach the evaluator. */
export const MAX_EXPRESSION_LENGTH = 200;

/** Functions an extracted expression may call; any other call in the question is refused. */
export const ALLOWED_FUNCTIONS: ReadonlySet<string> = new Set([
  'sqrt', 'cbrt', 'abs', 'round', 'floor', 'ceil', 'exp', 'log', 'log10', 'log2', 'sin', 'cos', 'tan',
]);

/** An arithmetic expression found in a question, or why there is none. */
export type Extraction =
  | { readonly ok: true; readonly expression: string }
  | { readonly ok: false; readonly reason: string };

type TokenKind = 'number' | 'constant' | 'function' | 'operator' | 'open' | 'close' | 'other';
interface Token {
  readonly kind: TokenKind;
  readonly text: string;
}

const TOKEN = /\d+(?:\.\d+)?|\.\d+|[\p{L}_][\p{L}\p{N}_]*|\S/gu;
const OPERATORS: ReadonlySet<string> = new Set(['+', '-', '*', '/', '^', '%', 'mod']);
const UNARY_OPERATORS: ReadonlySet<string> = new Set(['+', '-']);
const OPERAND_ENDS: ReadonlySet<TokenKind> = new Set(['number', 'constant', 'close']);

function classify(text: string, next: string | undefined): TokenKind {
  const lower = text.toLowerCase();
  if (/^[\d.]/u.test(text)) {
    return 'number';
  }
  if (OPERATORS.has(lower)) {
    return 'operator';
  }
  if (ALLOWED_FUNCTIONS.has(lower) && next === '(') {
    return 'function';
  }
  return lower === 'pi' ? 'constant' : text === '(' ? 'open' : text === ')' ? 'close' : 'other';
}

function tokenize(text: string): Token[] {
  const raw = text.match(TOKEN) ?? [];
  return raw.map((word, i) => ({ kind: classify(word, raw[i + 1]), text: word.toLowerCase() }));
}

function startsSecondOperand(previous: Token | undefined, token: Token): boolean {
  const isOperand = token.kind === 'number' || token.kind === 'constant';
  return isOperand && previous !== undefined && OPERAND_ENDS.has(previous.kind);
}

/** Maximal stretches of arithmetic tokens; two operands in a row ("3 4") start a new stretch. */
function runs(tokens: readonly Token[]): Token[][] {
  const found: Token[][] = [[]];
  for (const token of tokens) {
    const current = found.at(-1) ?? [];
    const previous = current.at(-1);
    if (token.kind === 'other') {
      found.push([]);
    } else if (startsSecondOperand(previous, token)) {
      found.push([token]);
    } else {
      current.push(token);
    }
  }
  return found;
}

/** Drops parentheses without a partner, e.g. the ")" of "(what is 3+4)". */
function dropUnmatchedParens(tokens: readonly Token[]): Token[] {
  const unmatched = new Set<number>();
  const open: number[] = [];
  tokens.forEach((token, i) => {
    if (token.kind === 'open') {
      open.push(i);
    } else if (token.kind === 'close' && open.pop() === undefined) {
      unmatched.add(i);
    }
  });
  open.forEach((i) => unmatched.add(i));
  return tokens.filter((_, i) => !unmatched.has(i));
}

function isLeadingJunk(token: Token): boolean {
  return (token.kind === 'operator' && !UNARY_OPERATORS.has(token.text)) || token.kind === 'close';
}

function isTrailingJunk(token: Token): boolean {
  return token.kind === 'operator' || token.kind === 'open' || token.kind === 'function';
}

function trimEdges(tokens: readonly Token[]): Token[] {
  const start = tokens.findIndex((token) => !isLeadingJunk(token));
  const end = tokens.findLastIndex((token) => !isTrailingJunk(token));
  return start === -1 ? [] : tokens.slice(start, end + 1);
}

function clean(run: readonly Token[]): Token[] {
  let current = [...run];
  // Trimming can orphan a parenthesis and dropping one can expose a trailing operator.
  for (let previousLength = -1; previousLength !== current.length; ) {
    previousLength = current.length;
    current = trimEdges(dropUnmatchedParens(current));
  }
  return current;
}

function isExpression(tokens: readonly Token[]): boolean {
  const has = (kind: TokenKind): boolean => tokens.some((token) => token.kind === kind);
  return has('number') && (has('operator') || has('function'));
}

function render(tokens: readonly Token[]): string {
  let out = '';
  tokens.forEach((token, i) => {
    const previous = tokens[i - 1];
    const binary = token.kind === 'operator' && previous !== undefined && OPERAND_ENDS.has(previous.kind);
    out += binary ? ` ${token.text} ` : token.text;
  });
  return out;
}

function disallowedCall(text: string): string | undefined {
  const calls = text.matchAll(/([\p{L}_][\p{L}\p{N}_]*)\(/gu);
  return [...calls].map((match) => match[1] ?? '').find((name) => !ALLOWED_FUNCTIONS.has(name.toLowerCase()));
}

/** Pulls the arithmetic out of a question: "What is 17 * 23?" → "17 * 23". */
export function extractArithmetic(text: string): Extraction {
  const call = disallowedCall(text);
  if (call !== undefined) {
    return { ok: false, reason: `"${call}" is not an arithmetic function I evaluate` };
  }
  const candidates = runs(tokenize(rewriteArithmeticWords(text))).map(clean).filter(isExpression);
  const longest = candidates.reduce<Token[] | undefined>(
    (best, run) => (run.length > (best?.length ?? 0) ? run : best),
    undefined,
  );
  if (longest === undefined) {
    return { ok: false, reason: 'no arithmetic expression found' };
  }
  const expression = render(longest);
  if (expression.length > MAX_EXPRESSION_LENGTH) {
    return { ok: false, reason: `the expression is longer than ${MAX_EXPRESSION_LENGTH} characters` };
  }
  return { ok: true, expression };
}
