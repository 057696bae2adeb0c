import { assessComplexity } from '../complexity.js';
import { PATTERN_CARDS } from '../patterns.js';
import type { WeaveStepDefinition } from '../weave-state.js';

/** Queries under this many characters take the BARE card when AUTO, as in the original. */
const BARE_MAX_CHARS = 50;

/**
 * 1. Pattern: an explicit mode wins; AUTO takes FUSED for research-level complexity (analysis
 * verbs, research words, more than 50 words), BARE for short queries, FAST otherwise.
 */
export const selectPattern: WeaveStepDefinition = {
  name: 'pattern',
  run({ request }) {
    const complexity = assessComplexity(request.query);
    const [name, reason] =
      request.mode !== 'AUTO'
        ? [request.mode, 'explicit']
        : complexity === 'RESEARCH'
          ? (['FUSED', 'research complexity'] as const)
          : request.query.length < BARE_MAX_CHARS
            ? (['BARE', `shorter than ${BARE_MAX_CHARS} chars`] as const)
            : (['FAST', 'default'] as const);
    const card = PATTERN_CARDS[name];
    return { patch: { card, complexity }, detail: { pattern: name, reason, complexity } };
  },
};
