import type { ToolName } from '../../shared/index.js';
import { need, type WeaveStepDefinition } from '../weave-state.js';

/** 9. Reflect: hand the experience to learning; rewards arrive later with feedback. */
export const reflect: WeaveStepDefinition = {
  name: 'reflect',
  run(state, { experiences, clock }) {
    const spacetime = need(state, 'spacetime');
    const decision = need(state, 'decision');
    experiences.record({
      spacetimeId: spacetime.id,
      tenant: spacetime.tenant,
      features: need(state, 'features'),
      tool: spacetime.tool,
      bucket: spacetime.bucket,
      confidence: spacetime.confidence,
      durationMs: clock.monotonicMs() - state.startedAtMs,
      pattern: spacetime.mode,
      probabilities: Object.fromEntries(decision.estimates.map((estimate) => [estimate.tool, estimate.probability])) as Record<ToolName, number>,
      errorCode: spacetime.errorCode,
    });
    return { patch: {}, detail: { bucket: spacetime.bucket } };
  },
};
