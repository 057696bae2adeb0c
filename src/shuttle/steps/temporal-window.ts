import { temporalWindowFor } from '../temporal-window.js';
import { need, type WeaveStepDefinition } from '../weave-state.js';

/** 2. Window: the period the query asks about, and the card's time budget for the cycle. */
export const chooseWindow: WeaveStepDefinition = {
  name: 'window',
  run(state, { clock }) {
    const card = need(state, 'card');
    const window = temporalWindowFor(state.request.query, clock.now());
    return {
      patch: { window },
      detail: {
        window: window.reason,
        startMs: window.startMs,
        endMs: window.endMs,
        budgetMs: card.timeoutMs,
      },
    };
  },
};
