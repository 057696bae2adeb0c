import { describe, expect, it } from 'vitest';

import { systemClock } from '../../../../src/shared/index.js';
import { attend, WEAVE_STEPS, type StepDeps, type WeaveMode, type WeaveState } from '../../../../src/shuttle/index.js';
import { normalize } from '../../../../src/shared/index.js';

const selectPattern = WEAVE_STEPS[0]!;
const deps = { clock: systemClock } as StepDeps;

function stateFor(query: string, mode: WeaveMode = 'AUTO'): WeaveState {
  return {
    request: { id: 'st', tenant: 't', query, mode, sessionId: null, useCache: true, tool: null },
    startedAtMs: 0,
  };
}

async function patternOf(query: string, mode?: WeaveMode): Promise<string | undefined> {
  const output = await selectPattern.run(stateFor(query, mode), deps);
  return output.patch.card?.name;
}

describe('pattern step', () => {
  it('lists the cycle in order', () => {
    expect(WEAVE_STEPS.map((step) => step.name)).toEqual([
      'pattern', 'window', 'retrieve', 'features', 'warp', 'decide', 'execute', 'spacetime', 'reflect',
    ]);
  });

  it.each([
    ['Where is Paris?', 'BARE'],
    ['Where did Alice say the quarterly planning meeting would be held next week?', 'FAST'],
    ['Compare the Berlin and Paris offices', 'FUSED'],
    ['Give me a detailed account of the project', 'FUSED'],
  ])('AUTO picks a card for %j → %s', async (query, expected) => {
    expect(await patternOf(query)).toBe(expected);
  });

  it('lets an explicit mode win', async () => {
    expect(await patternOf('Compare A and B', 'BARE')).toBe('BARE');
  });
});

describe('warp attention', () => {
  it('puts most weight on the context vector closest to the query', () => {
    const query = normalize(Float32Array.from([1, 0, 0]));
    const near = normalize(Float32Array.from([0.9, 0.1, 0]));
    const far = normalize(Float32Array.from([0, 1, 0]));
    const { weights, summary, entropy } = attend(query, [far, near]);
    expect(weights[1]).toBeGreaterThan(0.99);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(summary[0]).toBeGreaterThan(0.8);
    expect(entropy).toBeGreaterThanOrEqual(0);
  });

  it('handles an empty context', () => {
    expect(attend(Float32Array.from([1, 0]), []).weights).toEqual([]);
  });
});
