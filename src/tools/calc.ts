import { extractArithmetic } from './arithmetic-extraction.js';
import { formatNumber } from './format-number.js';
import { createRestrictedEvaluator, type ArithmeticEvaluator } from './restricted-math.js';
import type { Tool, ToolResult } from './types.js';

const EVALUATED_CONFIDENCE = 0.99;

type Evaluation = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly reason: string };

function evaluateSafely(evaluate: ArithmeticEvaluator, expression: string): Evaluation {
  try {
    const value = evaluate(expression);
    return typeof value === 'number' && Number.isFinite(value)
      ? { ok: true, value }
      : { ok: false, reason: 'the result is not a finite real number' };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

function failure(response: string, expression: string | null, reason: string): ToolResult {
  return { response, confidence: 0, citations: [], detail: { expression, error: reason } };
}

/** Finds, evaluates and formats the arithmetic in a question; failures are results, not throws. */
export function calculate(query: string, evaluate: ArithmeticEvaluator): ToolResult {
  const extraction = extractArithmetic(query);
  if (!extraction.ok) {
    return failure(`I couldn't find arithmetic I can evaluate in that: ${extraction.reason}.`, null, extraction.reason);
  }
  const { expression } = extraction;
  const evaluation = evaluateSafely(evaluate, expression);
  if (!evaluation.ok) {
    return failure(`I couldn't evaluate ${expression}: ${evaluation.reason}.`, expression, evaluation.reason);
  }
  return {
    response: `${expression} = ${formatNumber(evaluation.value)}`,
    confidence: EVALUATED_CONFIDENCE,
    citations: [],
    detail: { expression, value: evaluation.value },
  };
}

/** CALC: evaluates the arithmetic in the query with a restricted mathjs instance. */
export function createCalcTool(): Tool {
  // Loading and building mathjs costs ~0.7 s, so it waits for the first calculation.
  let evaluator: Promise<ArithmeticEvaluator> | undefined;
  const load = (): Promise<ArithmeticEvaluator> => (evaluator ??= createRestrictedEvaluator());
  return {
    name: 'CALC',
    run: async (context) => calculate(context.query, await load()),
    prepare: async () => {
      await load();
    },
  };
}
