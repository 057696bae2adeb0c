import { describe, expect, it } from 'vitest';

import {
  bucketFor,
  createSqliteBanditStore,
  createThompsonPolicy,
  motifPrior,
  motifPriorProbabilities,
  sampleBeta,
  type ScoredMotif,
} from '../../../src/policy/index.js';
import { createSeededRng } from '../../../src/shared/index.js';
import { openSqlite } from '../../../src/storage/index.js';

const motifs = (...names: ScoredMotif['name'][]): ScoredMotif[] => names.map((name) => ({ name, score: 1 }));
const features = new Float32Array(4);

function tally(decide: () => string, n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const tool = decide();
    counts.set(tool, (counts.get(tool) ?? 0) + 1);
  }
  return counts;
}

describe('motif prior', () => {
  it.each([
    [['question', 'arithmetic'], 'CALC'],
    [['remember', 'command'], 'NOTE'],
    [['question', 'relation-lookup'], 'GRAPH_QUERY'],
    [['command', 'listing'], 'SEARCH'],
    [['question'], 'ANSWER'],
    [[], 'ANSWER'],
  ] as const)('%j favours %s', (names, tool) => {
    const p = motifPriorProbabilities(motifs(...names));
    const best = Object.entries(p).sort((a, b) => b[1] - a[1])[0]?.[0];
    expect(best).toBe(tool);
    expect(Object.values(p).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it('buckets by the most tool-specific motif', () => {
    expect(bucketFor(motifs('question', 'arithmetic'))).toBe('arithmetic');
    expect(bucketFor([])).toBe('none');
  });
});

describe('sampleBeta', () => {
  it('has the mean alpha / (alpha + beta)', () => {
    const rng = createSeededRng(7);
    const n = 4000;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      sum += sampleBeta(3, 7, rng);
    }
    expect(sum / n).toBeCloseTo(0.3, 1);
  });
});

describe('Thompson policy', () => {
  const freshPolicy = (seed = 1) =>
    createThompsonPolicy({ probabilities: motifPrior, store: createSqliteBanditStore(openSqlite(':memory:')), rng: createSeededRng(seed) });

  it('routes like the prior before any feedback', () => {
    const policy = freshPolicy();
    const counts = tally(() => policy.decide({ tenant: 't', motifs: motifs('question', 'arithmetic'), features }).tool, 200);
    expect(counts.get('CALC') ?? 0).toBeGreaterThan(195);
  });

  it('learns away from a tool that keeps failing in a bucket', () => {
    const policy = freshPolicy(3);
    const input = { tenant: 't', motifs: motifs('question'), features };
    for (let i = 0; i < 60; i++) {
      policy.recordOutcome('t', 'question', 'ANSWER', 0);
      policy.recordOutcome('t', 'question', 'SEARCH', 1);
    }
    const counts = tally(() => policy.decide(input).tool, 200);
    expect(counts.get('SEARCH') ?? 0).toBeGreaterThan(150);
    const otherTenant = tally(() => policy.decide({ ...input, tenant: 'u' }).tool, 200);
    expect(otherTenant.get('ANSWER') ?? 0).toBeGreaterThan(190);
    const estimates = policy.decide(input).estimates;
    const mean = (tool: string) => estimates.find((e) => e.tool === tool)?.banditMean ?? 0;
    expect(mean('SEARCH')).toBeGreaterThan(mean('ANSWER'));
  });

  it('persists outcomes in its store', () => {
    const db = openSqlite(':memory:');
    const first = createThompsonPolicy({ probabilities: motifPrior, store: createSqliteBanditStore(db), rng: createSeededRng(1) });
    first.recordOutcome('t', 'arithmetic', 'CALC', 1);
    first.recordOutcome('t', 'arithmetic', 'CALC', 0.5);
    const second = createThompsonPolicy({ probabilities: motifPrior, store: createSqliteBanditStore(db), rng: createSeededRng(1) });
    expect(second.counts().get('t/arithmetic/CALC')).toEqual({ successes: 1.5, failures: 0.5, pulls: 2 });
  });
});
