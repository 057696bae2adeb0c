import { describe, expect, it } from 'vitest';

import { parseBudget, parseSeeds } from '../../../src/cli/train-command.js';
import { formatFamilyTable, formatSeedTable, formatTable, learningCurveChart, reportJson, renderReportSvg, type SeedReport, type TrainReport } from '../../../src/cli/train-report.js';
import { windowMetric } from '../../../src/cli/train-seed.js';
import type { SuccessTally, ToolChoiceEvaluation } from '../../../src/learning/index.js';
import { resolvePpoConfig } from '../../../src/learning/ppo/index.js';

const tally = (correct: number, total: number): SuccessTally => ({ correct, total, successRate: correct / total });

function evaluation(rate: number, byFamily: Record<string, SuccessTally>): ToolChoiceEvaluation {
  const none = tally(0, 1);
  return {
    ...tally(Math.round(rate * 100), 100),
    byFamily,
    byTool: { ANSWER: none, SEARCH: none, CALC: none, NOTE: none, GRAPH_QUERY: none },
    chosen: { ANSWER: 0, SEARCH: 0, CALC: 0, NOTE: 0, GRAPH_QUERY: 0 },
  };
}

function seed(seedNumber: number, reachedAt: number | null, heldOut: number): SeedReport {
  return {
    seed: seedNumber,
    reachedAt,
    secondsToTarget: reachedAt === null ? null : 4.25,
    seconds: 7.5,
    finalMetric: 0.97,
    episodes: 3000,
    steps: 3000,
    curve: [
      { x: 128, y: 0.2, approxKl: 0.01, entropy: 1.6 },
      { x: 256, y: 0.4, approxKl: 0.02, entropy: 1.4 },
    ],
    scores: {
      train: evaluation(0.99, {}),
      heldOut: evaluation(heldOut, { 'note-implicit': tally(13, 23), 'graph-explicit': tally(20, 20) }),
    },
  };
}

const report: TrainReport = {
  env: 'toolchoice',
  description: 'tool choice · hashing · obs-v1',
  unit: 'episodes',
  budget: 3000,
  window: 200,
  target: 0.95,
  config: resolvePpoConfig({ targetKl: Infinity }),
  seeds: [seed(1, 2048, 0.9), seed(2, null, 0.8)],
  families: [
    { name: 'note-implicit', tool: 'NOTE', description: '', cueBreaking: true },
    { name: 'graph-explicit', tool: 'GRAPH_QUERY', description: '', cueBreaking: false },
  ],
};

describe('train report', () => {
  it('aligns a pipe table: numbers right, text left', () => {
    expect(formatTable(['name', 'n'], [['a', '1'], ['bbb', '100']])).toBe(['| name |   n |', '|:-----|----:|', '| a    |   1 |', '| bbb  | 100 |'].join('\n'));
  });

  it('prints one row per seed and their mean, with target, wall-clock and held-out columns', () => {
    const table = formatSeedTable(report);
    expect(table).toContain('3000 episodes per seed; target success (last 200) ≥ 95.0%');
    expect(table).toMatch(/\| 1 +\| +2048 \| +4\.3 \| +7\.5 \| +97\.0% \| +99\.0% \| +90\.0% \|/u);
    expect(table).toMatch(/\| 2 +\| +not reached \| +– \|/u);
    expect(table).toMatch(/\| mean .*\| +85\.0% \|$/mu);
  });

  it('prints held-out success per family and seed', () => {
    const table = formatFamilyTable(report);
    expect(table).toMatch(/\| note-implicit +\| NOTE +\| yes +\| +23 \| +56\.5% \| +56\.5% \| +56\.5% \|/u);
    expect(formatFamilyTable({ ...report, env: 'cartpole', families: undefined })).toBe('');
  });

  it('charts success in percent with the target at 95 and one series per seed', () => {
    const chart = learningCurveChart(report);
    expect(chart.series.map((series) => series.label)).toEqual(['seed 1', 'seed 2']);
    expect(chart.series[0]!.points).toEqual([
      { x: 128, y: 20 },
      { x: 256, y: 40 },
    ]);
    expect(chart.target?.value).toBe(95);
    expect(chart.xRange).toEqual([0, 3000]);
    expect(renderReportSvg(report).match(/<polyline/gu)).toHaveLength(2);
    const cartpole = learningCurveChart({ ...report, env: 'cartpole', target: 475, budget: 100_000 });
    expect(cartpole.target?.value).toBe(475);
    expect(cartpole.yRange).toEqual([0, 500]);
  });

  it('writes JSON without Infinity', () => {
    const json = reportJson(report) as { config: { targetKl: unknown }; seeds: unknown[] };
    expect(json.config.targetKl).toBeNull();
    expect(json.seeds).toHaveLength(2);
  });
});

describe('train flags', () => {
  it('parses seeds and budgets, rejecting the flag of the other environment', () => {
    expect(parseSeeds('1,2, 3')).toEqual([1, 2, 3]);
    expect(() => parseSeeds('1,x')).toThrow(/--seeds/u);
    expect(parseBudget({ env: 'cartpole' })).toBe(100_000);
    expect(parseBudget({ env: 'toolchoice' })).toBe(3000);
    expect(parseBudget({ env: 'toolchoice', episodes: '500' })).toBe(500);
    expect(() => parseBudget({ env: 'toolchoice', steps: '500' })).toThrow(/--steps does not apply to --env toolchoice; use --episodes/u);
    expect(() => parseBudget({ env: 'cartpole', steps: '0' })).toThrow(/positive integer/u);
  });

  it('averages the window of the most recent episodes', () => {
    const episodes = [0, 1, 1, 0, 1].map((success) => ({ return: success, length: 1, info: { success } }));
    expect(windowMetric(episodes, { window: 4, episodeMetric: (episode) => episode.info['success'] ?? 0 })).toBe(0.75);
    expect(windowMetric([], { window: 4, episodeMetric: () => 1 })).toBeNaN();
  });
});
