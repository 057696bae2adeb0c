import {
  absDependencies,
  addDependencies,
  cbrtDependencies,
  ceilDependencies,
  cosDependencies,
  create,
  divideDependencies,
  evaluateDependencies,
  expDependencies,
  floorDependencies,
  log10Dependencies,
  log2Dependencies,
  logDependencies,
  modDependencies,
  multiplyDependencies,
  piDependencies,
  powDependencies,
  roundDependencies,
  sinDependencies,
  sqrtDependencies,
  subtractDependencies,
  tanDependencies,
  unaryMinusDependencies,
  unaryPlusDependencies,
  type FactoryFunctionMap,
} from 'mathjs';

/** Evaluates one arithmetic expression; throws on anything it refuses. */
export type ArithmeticEvaluator = (expression: string) => unknown;

/**
 * Functions that alter the instance or parse nested input. mathjs' security guide disables
 * these after taking a reference to `evaluate`, so expressions cannot reach them.
 */
const DISABLED_FUNCTIONS = [
  'import', 'createUnit', 'reviver', 'evaluate', 'parse', 'compile', 'resolve', 'simplify',
  'simplifyConstant', 'simplifyCore', 'derivative', 'rationalize', 'symbolicEqual', 'leafCount',
] as const;

function disabled(name: string): () => never {
  return () => {
    throw new Error(`Function ${name} is disabled`);
  };
}

/** Only arithmetic and a few elementary functions: a smaller surface than mathjs' `all`. */
const ARITHMETIC_FACTORIES = {
  evaluateDependencies, addDependencies, subtractDependencies, multiplyDependencies,
  divideDependencies, powDependencies, modDependencies, unaryMinusDependencies,
  unaryPlusDependencies, sqrtDependencies, cbrtDependencies, absDependencies, roundDependencies,
  floorDependencies, ceilDependencies, expDependencies, logDependencies, log10Dependencies,
  log2Dependencies, sinDependencies, cosDependencies, tanDependencies, piDependencies,
};

// mathjs types its exports as possibly undefined; a missing one means an incompatible version.
function definedFactories(map: Readonly<Record<string, FactoryFunctionMap | undefined>>): FactoryFunctionMap {
  const out: FactoryFunctionMap = {};
  for (const [name, factories] of Object.entries(map)) {
    if (factories === undefined) {
      throw new Error(`mathjs no longer exports ${name}; check the pinned mathjs version.`);
    }
    out[name] = factories;
  }
  return out;
}

/**
 * A mathjs instance with plain JS numbers, only the functions above, and the risky functions
 * overridden to throw. Never uses `eval` or `Function`.
 */
export function createRestrictedEvaluator(): ArithmeticEvaluator {
  const math = create(definedFactories(ARITHMETIC_FACTORIES), { number: 'number' });
  // Taken before the override below replaces `math.evaluate` with a thrower.
  const evaluate = math.evaluate.bind(math);
  math.import(Object.fromEntries(DISABLED_FUNCTIONS.map((name) => [name, disabled(name)])), { override: true });
  return (expression) => {
    const value: unknown = evaluate(expression);
    return value;
  };
}
