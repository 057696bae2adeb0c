import { describe, expect, it } from 'vitest';

import { systemClock } from '../../../src/shared/index.js';
import {
  PATTERN_CARDS,
  runCycle,
  type StepDeps,
  type WeaveProgressEvent,
  type WeaveRequest,
  type WeaveStepDefinition,
} from '../../../src/shuttle/index.js';

const request: WeaveRequest = {
  id: 'st_test',
  tenant: 't1',
  query: 'anything',
  mode: 'AUTO',
  sessionId: null,
  useCache: true,
  tool: null,
};

/** Only the clock is used by these hand-written steps; anything else fails loudly. */
const deps = new Proxy({ clock: systemClock } as StepDeps, {
  get: (target, key) => {
    if (key === 'clock') {
      return target.clock;
    }
    throw new Error(`unexpected dependency ${String(key)}`);
  },
});

const tinyCard = { ...PATTERN_CARDS.BARE, timeoutMs: 30 };

const pickCard: WeaveStepDefinition = { name: 'pattern', run: () => ({ patch: { card: tinyCard }, detail: {} }) };
const sleepStep = (name: string, ms: number): WeaveStepDefinition => ({
  name,
  run: () => new Promise((resolve) => setTimeout(() => resolve({ patch: {}, detail: { ms } }), ms)),
});
const failing: WeaveStepDefinition = {
  name: 'explode',
  run: () => {
    throw new Error('boom');
  },
};

describe('runCycle', () => {
  it('times every step in order and reports progress for each', async () => {
    const events: WeaveProgressEvent[] = [];
    const { spacetime, finalEvent } = await runCycle(request, [pickCard, sleepStep('a', 1), sleepStep('b', 1), failing], deps, (e) => events.push(e));
    expect(spacetime.trace.map((step) => step.name)).toEqual(['pattern', 'a', 'b', 'explode']);
    // Each step ran in its own profiler span, whose memory reading the trace carries.
    expect(spacetime.trace.every((step) => Number.isFinite(step.memoryDeltaBytes))).toBe(true);
    expect(events.map((e) => e.step)).toEqual(['pattern', 'a', 'b']);
    expect(finalEvent.step).toBe('explode');
    expect(finalEvent.done).toBe(true);
  });

  it('turns a throwing step into an error spacetime instead of an exception', async () => {
    const { spacetime } = await runCycle(request, [pickCard, failing], deps, () => undefined);
    expect(spacetime.error).toBe('boom');
    expect(spacetime.errorCode).toBe('INTERNAL_SERVER_ERROR');
    expect(spacetime.confidence).toBe(0);
    expect(spacetime.mode).toBe('BARE');
  });

  it('ends a weave that outruns its budget with a TIMEOUT error spacetime', async () => {
    const { spacetime } = await runCycle(request, [pickCard, sleepStep('slow', 500), sleepStep('never', 1)], deps, () => undefined);
    expect(spacetime.errorCode).toBe('TIMEOUT');
    expect(spacetime.error).toContain('30 ms budget');
    expect(spacetime.trace.map((step) => step.name)).toEqual(['pattern', 'slow']);
    expect(spacetime.durationMs).toBeLessThan(400);
  });

  it('stops before the next step once a synchronous step has used up the budget', async () => {
    const busy: WeaveStepDefinition = {
      name: 'busy',
      run: () => {
        const until = performance.now() + 40;
        while (performance.now() < until) {
          // Burn CPU past the 30 ms budget without yielding.
        }
        return { patch: {}, detail: {} };
      },
    };
    const { spacetime } = await runCycle(request, [pickCard, busy, sleepStep('after', 1)], deps, () => undefined);
    expect(spacetime.errorCode).toBe('TIMEOUT');
    expect(spacetime.trace.at(-1)?.name).toBe('after');
  });
});
