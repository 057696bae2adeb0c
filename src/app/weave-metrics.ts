import type { MetricsSink, WeaveRecord } from '../observability/index.js';
import { assessComplexity, type Shuttle, type WeaveRequest } from '../shuttle/index.js';
import type { Spacetime } from '../spacetime/index.js';

/** The step a failed weave stopped in: the last trace entry, which carries the error. */
function failedStage(spacetime: Spacetime): string | null {
  return spacetime.error === null ? null : (spacetime.trace.at(-1)?.name ?? null);
}

/** Where the pattern step put its assessment; a cache hit has no pattern step, so it is assessed again (µs). */
function complexityOf(request: WeaveRequest, spacetime: Spacetime): string {
  const assessed = spacetime.trace.find((step) => step.name === 'pattern')?.detail['complexity'];
  return typeof assessed === 'string' ? assessed : assessComplexity(request.query);
}

export function weaveRecordOf(request: WeaveRequest, spacetime: Spacetime): WeaveRecord {
  return {
    mode: spacetime.mode,
    complexity: complexityOf(request, spacetime),
    tool: spacetime.error === null ? spacetime.tool : '',
    durationMs: spacetime.durationMs,
    cacheHit: spacetime.cacheHit,
    cacheLookedUp: request.useCache,
    errorCode: spacetime.errorCode,
    errorStage: failedStage(spacetime),
  };
}

/**
 * The shuttle, reporting each finished weave (failed ones too: they come back as error
 * spacetimes) to the metrics. A weave refused before it ran (a duplicate id) is not one; the
 * operation's own timing counts it as a failed `weave` call.
 */
export function withWeaveMetrics(shuttle: Shuttle, metrics: MetricsSink): Shuttle {
  return {
    ...shuttle,
    async weave(request) {
      const spacetime = await shuttle.weave(request);
      metrics.recordWeave(weaveRecordOf(request, spacetime));
      return spacetime;
    },
  };
}
