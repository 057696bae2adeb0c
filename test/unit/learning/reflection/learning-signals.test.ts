import { describe, expect, it } from 'vitest';

import { deriveLearningSignals, SIGNAL_RULES, type RewardedEpisode } from '../../../../src/learning/index.js';
import type { ToolName } from '../../../../src/shared/index.js';

const isSuccess = (reward: number): boolean => reward > 0;

function episodes(count: number, tool: ToolName, reward: number, extra: Partial<RewardedEpisode> = {}): RewardedEpisode[] {
  return Array.from({ length: count }, () => ({ tool, pattern: 'FAST', reward, durationMs: 100, ...extra }));
}

const ofType = (signals: ReturnType<typeof deriveLearningSignals>, type: string) => signals.filter((signal) => signal.type === type);

describe('learning signals', () => {
  it('keeps the original thresholds and priorities', () => {
    expect(SIGNAL_RULES).toMatchObject({
      window: 100,
      minEpisodes: 10,
      banditMinEpisodes: 3,
      patternMinEpisodes: 5,
      failureMinTotal: 5,
      failureMinUses: 5,
      failureRate: 0.5,
      explorationMinEpisodes: 20,
      explorationEntropy: 0.5,
      priority: { bandit: 0.8, failingTool: 0.7, pattern: 0.6, exploration: 0.5 },
    });
  });

  it('says nothing below 10 rewarded episodes', () => {
    expect(deriveLearningSignals(episodes(9, 'ANSWER', 1), isSuccess)).toEqual([]);
  });

  it('emits one bandit update per tool with at least 3 episodes, with n/mean/std/min/max', () => {
    const input = [...episodes(4, 'CALC', 1), ...episodes(4, 'CALC', 0), ...episodes(2, 'NOTE', 1), ...episodes(3, 'SEARCH', 0.5)];
    const updates = ofType(deriveLearningSignals(input, isSuccess), 'bandit_update');
    expect(updates.map((signal) => signal.tool)).toEqual(['SEARCH', 'CALC']);
    const calc = updates.find((signal) => signal.tool === 'CALC')!;
    expect(calc).toMatchObject({ reward: 0.5, priority: 0.8, evidence: { n: 8, mean: 0.5, std: 0.5, min: 0, max: 1 } });
  });

  it('prefers the pattern with the best mean reward per unit time among those with 5+ episodes', () => {
    const input = [
      ...episodes(5, 'ANSWER', 0.6, { pattern: 'FUSED', durationMs: 8_000 }),
      ...episodes(5, 'ANSWER', 0.5, { pattern: 'BARE', durationMs: 100 }),
      ...episodes(4, 'ANSWER', 1, { pattern: 'FAST', durationMs: 10 }),
    ];
    const [preference] = ofType(deriveLearningSignals(input, isSuccess), 'pattern_preference');
    // BARE: 0.75/(1+0.01) ≈ 0.743 beats FUSED: 0.8/(1+0.8) ≈ 0.444; FAST has too few episodes.
    expect(preference).toMatchObject({ pattern: 'BARE', reward: 0.5, priority: 0.6, evidence: { n: 5, candidates: 2 } });
    expect(preference?.evidence['score']).toBeCloseTo(0.75 / 1.01, 10);
  });

  it('flags tools failing more than half the time once the window holds 5 failures', () => {
    const failing = [...episodes(4, 'GRAPH_QUERY', -1), ...episodes(2, 'GRAPH_QUERY', 1), ...episodes(6, 'ANSWER', 1)];
    expect(ofType(deriveLearningSignals(failing, isSuccess), 'threshold_adjustment').filter((s) => s.tool !== null)).toEqual([]);
    const more = [...failing, ...episodes(1, 'GRAPH_QUERY', -1)];
    const [flag] = ofType(deriveLearningSignals(more, isSuccess), 'threshold_adjustment').filter((s) => s.tool !== null);
    expect(flag).toMatchObject({ tool: 'GRAPH_QUERY', priority: 0.7, evidence: { n: 7, failures: 5 } });
    expect(flag?.evidence['failureRate']).toBeCloseTo(5 / 7, 10);
  });

  it('warns about narrowing tool choice from 20 episodes when normalized entropy falls under 0.5', () => {
    const exploration = (input: RewardedEpisode[]) =>
      ofType(deriveLearningSignals(input, isSuccess), 'threshold_adjustment').filter((signal) => signal.tool === null);
    expect(exploration(episodes(19, 'ANSWER', 1))).toEqual([]);
    expect(exploration(episodes(20, 'ANSWER', 1))).toMatchObject([{ priority: 0.5, evidence: { normalizedEntropy: 0, distinctTools: 1 } }]);
    expect(exploration([...episodes(19, 'ANSWER', 1), ...episodes(1, 'CALC', 1)])).toHaveLength(1);
    expect(exploration([...episodes(10, 'ANSWER', 1), ...episodes(10, 'CALC', 1)])).toEqual([]);
  });

  it('orders signals by priority, highest first', () => {
    const input = [...episodes(20, 'ANSWER', -1), ...episodes(1, 'CALC', 1)];
    const priorities = deriveLearningSignals(input, isSuccess).map((signal) => signal.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
    expect(new Set(priorities)).toEqual(new Set([0.8, 0.7, 0.6, 0.5]));
  });
});
