import { describe, expect, it } from 'vitest';

import { converge, type ConvergenceInput } from '../../../src/policy/convergence.js';
import { createSeededRng, type Rng, type ToolName } from '../../../src/shared/index.js';

const scores = (values: Partial<Record<ToolName, number>>): Record<ToolName, number> => ({
  ANSWER: 0,
  SEARCH: 0,
  CALC: 0,
  NOTE: 0,
  GRAPH_QUERY: 0,
  ...values,
});

const fixedRng = (value: number): Rng => ({ next: () => value });

const base: Omit<ConvergenceInput, 'strategy' | 'rng'> = {
  probabilities: scores({ ANSWER: 2, CALC: 6, NOTE: 2 }),
  posteriorMeans: scores({ ANSWER: 0.9, CALC: 0.2, NOTE: 0.5 }),
  thompsonDraw: () => scores({ NOTE: 0.8, ANSWER: 0.1 }),
};

describe('converge', () => {
  it('EPSILON_GREEDY exploits the network with probability 1 − ε, confidence its normalized probability', () => {
    expect(converge({ ...base, strategy: 'EPSILON_GREEDY', rng: fixedRng(0.5) })).toEqual({ tool: 'CALC', confidence: 0.6, strategy: 'epsilon_exploit' });
  });

  it('EPSILON_GREEDY explores by a Thompson draw with probability ε', () => {
    expect(converge({ ...base, strategy: 'EPSILON_GREEDY', rng: fixedRng(0.05) })).toEqual({ tool: 'NOTE', confidence: 0.2, strategy: 'epsilon_explore' });
    const rng = createSeededRng(7);
    const explored = Array.from({ length: 4_000 }, () => converge({ ...base, strategy: 'EPSILON_GREEDY', rng, epsilon: 0.25 })).filter(
      (result) => result.strategy === 'epsilon_explore',
    ).length;
    expect(explored / 4_000).toBeCloseTo(0.25, 1);
  });

  it('BAYESIAN_BLEND takes the argmax of 0.7·p + 0.3·posterior mean', () => {
    // CALC: 0.7·0.6 + 0.3·0.2 = 0.48; ANSWER: 0.7·0.2 + 0.3·0.9 = 0.41; NOTE: 0.29.
    const result = converge({ ...base, strategy: 'BAYESIAN_BLEND', rng: fixedRng(0) });
    expect(result.tool).toBe('CALC');
    expect(result.confidence).toBeCloseTo(0.48, 10);
    // Weighted towards the bandit, its favourite wins: ANSWER 0.3·0.2 + 0.7·0.9 = 0.69.
    expect(converge({ ...base, strategy: 'BAYESIAN_BLEND', rng: fixedRng(0), networkWeight: 0.3 }).tool).toBe('ANSWER');
  });

  it('PURE_THOMPSON ignores the network', () => {
    expect(converge({ ...base, strategy: 'PURE_THOMPSON', rng: fixedRng(0.9) })).toEqual({ tool: 'NOTE', confidence: 0.5, strategy: 'pure_thompson' });
  });

  it('treats all-zero network output as uniform and breaks ties in tool order', () => {
    const flat = { ...base, probabilities: scores({}) };
    expect(converge({ ...flat, strategy: 'EPSILON_GREEDY', rng: fixedRng(0.9) })).toEqual({ tool: 'ANSWER', confidence: 0.2, strategy: 'epsilon_exploit' });
  });
});
