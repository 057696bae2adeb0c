import type * as MathJs from 'mathjs';
import type { FactoryFunctionMap } from 'mathjs';

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

type MathModule = typeof MathJs;

/** Only arithmetic and a few elementary functions: a smaller surface than mathjs' `all`. */
function arithmeticFactories(m: MathModule): Readonly<Record<string, FactoryFunctionMap | undefined>> {
  return {
    evaluateDependencies: m.evaluateDependencies, addDependencies: m.addDependencies,
    subtractDependencies: m.subtractDependencies, multiplyDependencies: m.multiplyDependencies,
    divideDependencies: m.divideDependencies, powDependencies: m.powDependencies,
    modDependencies: m.modDependencies, unaryMinusDependencies: m.unaryMinusDependencies,
    unaryPlusDependencies: m.unaryPlusDependencies, sqrtDependencies: m.sqrtDependencies,
    cbrtDependencies: m.cbrtDependencies, absDependencies: m.absDependencies,
    roundDependencies: m.roundDependencies, floorDependencies: m.floorDependencies,
    ceilDependencies: m.ceilDependencies, expDependencies: m.expDependencies,
    logDependencies: m.logDependencies, log10Dependencies: m.log10Dependencies,
    log2Dependencies: m.log2Dependencies, sinDependencies: m.sinDependencies,
    cosDependencies: m.cosDependencies, tanDependencies: m.tanDependencies, piDependencies: m.piDependencies,
  };
}

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
 * overridden to throw. Never uses `eval` or `Function`. mathjs is imported here, on first use,
 * because loading it takes ~0.6 s that server start should not pay.
 *
 * From `mathjs/number`, its plain-number build: importing mathjs builds a default instance with
 * every function whichever entry is used, and the full one keeps ~32 MB on the heap for good
 * (measured after a GC), against ~16 MB and ~0.45 s instead of ~0.75 s to load for this one.
 * A long-lived heap that large is marked by every major GC of the server.
 */
export async function createRestrictedEvaluator(): Promise<ArithmeticEvaluator> {
  const mathjs = await import('mathjs/number');
  const math = mathjs.create(definedFactories(arithmeticFactories(mathjs)), { number: 'number' });
  // Taken before the override below replaces `math.evaluate` with a thrower.
  const evaluate = math.evaluate.bind(math);
  math.import(Object.fromEntries(DISABLED_FUNCTIONS.map((name) => [name, disabled(name)])), { override: true });
  return (expression) => {
    const value: unknown = evaluate(expression);
    return value;
  };
}
