import { createProfiler, type ProfileSpan, type Profiler } from '../observability/index.js';
import { TimeoutError, toAppError, type AppError } from '../shared/index.js';
import type { Spacetime, WeaveStep } from '../spacetime/index.js';

import { PATTERN_CARDS } from './patterns.js';
import type { StepDeps, WeaveRequest, WeaveState, WeaveStepDefinition } from './weave-state.js';

/** One finished step, as weaveProgress subscribers see it. */
export interface WeaveProgressEvent {
  readonly weaveId: string;
  readonly tenant: string;
  readonly step: string;
  readonly index: number;
  readonly total: number;
  readonly durationMs: number;
  readonly detail: Readonly<Record<string, unknown>>;
  readonly done: boolean;
  readonly error: string | null;
}

/** Receives progress events; the app connects it to the GraphQL pubsub. */
export type ProgressSink = (event: WeaveProgressEvent) => void;

/** Before the pattern step picks a card, the largest card budget applies. */
const DEFAULT_BUDGET_MS = PATTERN_CARDS.FUSED.timeoutMs;

function budgetError(state: WeaveState, step: string, elapsedMs: number): TimeoutError {
  const budgetMs = state.card?.timeoutMs ?? DEFAULT_BUDGET_MS;
  return new TimeoutError(
    `The weave ran out of its ${budgetMs} ms budget at step "${step}" after ${Math.round(elapsedMs)} ms.`,
    { step, budgetMs },
  );
}

/** Races an async step against the time left; synchronous steps pay no timer. */
async function withDeadline<T>(work: Promise<T> | T, remainingMs: number, onLate: () => Error): Promise<T> {
  if (!(work instanceof Promise)) {
    return work;
  }
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onLate()), remainingMs);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** What a cycle runs with besides its steps. */
interface CycleDeps {
  readonly deps: StepDeps;
  readonly progress: ProgressSink;
  readonly profiler: Profiler;
}

/** Spans read RSS at both ends (~4 µs a read, ~80 µs a weave): a useful hint at a small price. */
const DEFAULT_PROFILER = createProfiler();

interface CycleOutcome {
  readonly state: WeaveState;
  readonly trace: WeaveStep[];
  readonly failure: AppError | null;
}

/**
 * Runs the steps in order, timing each, enforcing the budget, reporting progress. Each step's
 * time runs from the end of the previous one, so the bookkeeping between steps (progress events)
 * is counted too and the trace adds up to the weave's duration.
 */
async function runSteps(
  state: WeaveState,
  steps: readonly WeaveStepDefinition[],
  { deps, progress, profiler }: CycleDeps,
): Promise<CycleOutcome> {
  const { clock } = deps;
  const trace: WeaveStep[] = [];
  let current = state;
  let mark = state.startedAtMs;
  const stamp = (name: string, detail: Readonly<Record<string, unknown>>): void => {
    const now = clock.monotonicMs();
    trace.push({ name, durationMs: now - mark, detail });
    mark = now;
  };
  for (const [index, step] of steps.entries()) {
    try {
      const budgetMs = current.card?.timeoutMs ?? DEFAULT_BUDGET_MS;
      const elapsedMs = clock.monotonicMs() - current.startedAtMs;
      const snapshot = current;
      if (elapsedMs >= budgetMs) {
        throw budgetError(current, step.name, elapsedMs);
      }
      const output = await profiler.span(step.name, () =>
        withDeadline(step.run(snapshot, deps), budgetMs - elapsedMs, () => budgetError(snapshot, step.name, clock.monotonicMs() - snapshot.startedAtMs)),
      );
      current = { ...current, ...output.patch };
      stamp(step.name, output.detail);
    } catch (error) {
      const failure = toAppError(error);
      stamp(step.name, { error: failure.message });
      return { state: current, trace, failure };
    }
    const last = trace.at(-1);
    if (index < steps.length - 1 && last !== undefined) {
      progress(eventFor(current.request, last, index, steps.length, null));
    }
  }
  return { state: current, trace, failure: null };
}

/** A weave's spans are its trace: each step ran in its own span, in order, one per trace entry. */
function withMemory(outcome: CycleOutcome, root: ProfileSpan): CycleOutcome {
  const trace = outcome.trace.map((step, i) => ({ ...step, memoryDeltaBytes: root.children[i]?.memoryDeltaBytes ?? 0 }));
  return { ...outcome, trace };
}

/** The progress event for one trace entry. */
export function eventFor(
  request: WeaveRequest,
  step: WeaveStep,
  index: number,
  total: number,
  error: string | null,
): WeaveProgressEvent {
  return {
    weaveId: request.id,
    tenant: request.tenant,
    step: step.name,
    index,
    total,
    durationMs: step.durationMs,
    detail: step.detail,
    done: index === total - 1 || error !== null,
    error,
  };
}

function errorSpacetime(state: WeaveState, failure: AppError, nowMs: number): Spacetime {
  const { request } = state;
  return {
    id: request.id,
    tenant: request.tenant,
    query: request.query,
    mode: state.card?.name ?? (request.mode === 'AUTO' ? 'BARE' : request.mode),
    tool: state.decision?.tool ?? request.tool ?? 'ANSWER',
    response: `Error: ${failure.message}`,
    confidence: 0,
    cacheHit: false,
    durationMs: 0,
    createdAt: new Date(nowMs),
    sessionId: request.sessionId,
    motifs: state.motifs?.map((motif) => motif.name) ?? [],
    context: [],
    toolScores: state.decision?.estimates ?? [],
    trace: [],
    bucket: state.decision?.bucket ?? 'none',
    reward: null,
    error: failure.message,
    errorCode: failure.code,
  };
}

/** A finished cycle: its spacetime, and the last trace entry whose event is still to be sent. */
export interface CycleResult {
  readonly spacetime: Spacetime;
  readonly finalEvent: WeaveProgressEvent;
}

/**
 * Runs one weave cycle. A failing or late step yields an error Spacetime (code in
 * `errorCode`), never a thrown exception. The last progress event is returned rather than
 * sent, so the caller can send it once the spacetime is stored.
 */
export async function runCycle(
  request: WeaveRequest,
  steps: readonly WeaveStepDefinition[],
  deps: StepDeps,
  progress: ProgressSink,
  profiler: Profiler = DEFAULT_PROFILER,
): Promise<CycleResult> {
  const startedAtMs = deps.clock.monotonicMs();
  const traced = await profiler.trace(() => runSteps({ request, startedAtMs }, steps, { deps, progress, profiler }), 'weave');
  const outcome = withMemory(traced.result, traced.root);
  const durationMs = deps.clock.monotonicMs() - startedAtMs;
  const base =
    outcome.failure === null && outcome.state.spacetime !== undefined
      ? outcome.state.spacetime
      : errorSpacetime(outcome.state, outcome.failure ?? toAppError('The cycle produced no spacetime.'), deps.clock.now());
  const spacetime = { ...base, trace: outcome.trace, durationMs };
  const lastIndex = outcome.trace.length - 1;
  const lastStep = outcome.trace[lastIndex] ?? { name: 'none', durationMs: 0, detail: {} };
  const finalEvent = { ...eventFor(request, lastStep, lastIndex, steps.length, spacetime.error), done: true };
  return { spacetime, finalEvent };
}
