import { describe, expect, it } from 'vitest';

import { assessComplexity, temporalWindowFor } from '../../../src/shuttle/index.js';

describe('assessComplexity', () => {
  it.each([
    ['Compare PPO and DQN for tool routing', 'RESEARCH'],
    ['Give me a thorough overview', 'RESEARCH'],
    ['hello', 'LITE'],
    ['thanks a lot', 'LITE'],
    ['What is this?', 'FAST'],
    ['is this deeply nested', 'FAST'],
    [Array.from({ length: 25 }, (_, i) => `word${i}`).join(' '), 'FULL'],
  ])('%s → %s', (query, expected) => {
    expect(assessComplexity(query)).toBe(expected);
  });
});

describe('temporalWindowFor', () => {
  const now = new Date('2026-05-10T15:00:00').getTime();

  it('sees everything when no period is named', () => {
    expect(temporalWindowFor('Where is Paris?', now)).toMatchObject({ startMs: 0, endMs: now, reason: 'all' });
  });

  it('resolves today, yesterday and "last N days"', () => {
    expect(temporalWindowFor('what did I note today', now).startMs).toBe(new Date('2026-05-10T00:00:00').getTime());
    const yesterday = temporalWindowFor('notes from yesterday', now);
    expect(yesterday.startMs).toBe(new Date('2026-05-09T00:00:00').getTime());
    expect(yesterday.endMs).toBeLessThan(new Date('2026-05-10T00:00:00').getTime());
    expect(temporalWindowFor('in the last 3 days', now).startMs).toBe(now - 3 * 86_400_000);
  });
});
