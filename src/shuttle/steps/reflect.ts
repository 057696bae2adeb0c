import { need, type WeaveStepDefinition } from '../weave-state.js';

/** 9. Reflect: hand the experience to learning; rewards arrive later with feedback. */
export const reflect: WeaveStepDefinition = {
  name: 'reflect',
  run(state, { experiences, clock }) {
    const spacetime = need(state, 'spacetime');
    experiences.record({
      spacetimeId: spacetime.id,
      tenant: spacetime.tenant,
      features: need(state, 'features'),
      tool: spacetime.tool,
      bucket: spacetime.bucket,
      confidence: spacetime.confidence,
      durationMs: clock.monotonicMs() - state.startedAtMs,
    });
    return { patch: {}, detail: { bucket: spacetime.bucket } };
  },
};
