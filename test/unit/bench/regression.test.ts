import { describe, expect, it } from 'vitest';

import { compareRuns, figuresOf, formatComparison, hasRegression, parseBenchRun, settingsMismatch, type Comparison } from '../../../src/bench/regression.js';
import { buildBenchRun } from '../../../src/bench/results.js';

import { defaultRows, http, inProcessRun, row } from './bench-fixtures.js';

const find = (comparisons: readonly Comparison[], name: string, metric: string): Comparison | undefined =>
  comparisons.find((c) => c.name === name && c.metric === metric);

describe('compareRuns', () => {
  it('finds nothing to flag when a run is compared with itself', () => {
    const run = inProcessRun();
    const comparisons = compareRuns(run, run);
    expect(comparisons.length).toBe(figuresOf(run).length);
    expect(comparisons.every((c) => c.status === 'ok' && c.change === 0)).toBe(true);
    expect(hasRegression(comparisons)).toBe(false);
  });

  it('flags latency up by more than 20% and throughput down by more than 20%', () => {
    const baseline = inProcessRun([row('Weave-FAST', 3, 330, 210)]);
    const slower = inProcessRun([row('Weave-FAST', 3.75, 330, 210)]);
    const fewer = inProcessRun([row('Weave-FAST', 3, 250, 210)]);
    expect(find(compareRuns(baseline, slower), 'Weave-FAST', 'mean')).toMatchObject({ status: 'regressed', change: 0.25 });
    expect(find(compareRuns(baseline, slower), 'Weave-FAST', 'qps')?.status).toBe('ok');
    expect(find(compareRuns(baseline, fewer), 'Weave-FAST', 'qps')?.status).toBe('regressed');
    expect(hasRegression(compareRuns(baseline, fewer))).toBe(true);
  });

  it('does not flag a change of exactly the threshold, and calls the other direction an improvement', () => {
    const baseline = inProcessRun([row('Weave-FAST', 10, 100, 210)]);
    expect(find(compareRuns(baseline, inProcessRun([row('Weave-FAST', 12, 80, 210)])), 'Weave-FAST', 'mean')?.status).toBe('ok');
    expect(find(compareRuns(baseline, inProcessRun([row('Weave-FAST', 12, 80, 210)])), 'Weave-FAST', 'qps')?.status).toBe('ok');
    const faster = compareRuns(baseline, inProcessRun([row('Weave-FAST', 5, 200, 210)]));
    expect(find(faster, 'Weave-FAST', 'mean')?.status).toBe('improved');
    expect(find(faster, 'Weave-FAST', 'qps')?.status).toBe('improved');
    expect(hasRegression(faster)).toBe(false);
  });

  it('honours a custom threshold and ignores latency moves below the noise floor', () => {
    const baseline = inProcessRun([row('Weave-FAST (cached)', 0.03, 20_000, 210)]);
    const jitter = compareRuns(baseline, inProcessRun([row('Weave-FAST (cached)', 0.04, 20_000, 210)]));
    expect(find(jitter, 'Weave-FAST (cached)', 'mean')?.status).toBe('ok');
    expect(find(compareRuns(baseline, inProcessRun([row('Weave-FAST (cached)', 0.04, 20_000, 210)]), { minLatencyDeltaMs: 0 }), 'Weave-FAST (cached)', 'mean')?.status).toBe(
      'regressed',
    );
    const tight = compareRuns(inProcessRun([row('Weave-FAST', 10, 100, 1)]), inProcessRun([row('Weave-FAST', 11, 100, 1)]), { threshold: 0.05 });
    expect(find(tight, 'Weave-FAST', 'mean')?.status).toBe('regressed');
  });

  it('reports rows only in the baseline as missing and rows only in this run as new, without failing', () => {
    const baseline = inProcessRun([row('Weave-BARE', 2, 400, 200), row('Weave-FAST', 3, 330, 210)]);
    const current = inProcessRun([row('Weave-FAST', 3, 330, 210), row('Weave-FUSED', 3, 330, 210)]);
    const comparisons = compareRuns(baseline, current);
    expect(find(comparisons, 'Weave-BARE', 'mean')).toMatchObject({ status: 'missing', current: null, change: null, baseline: 2 });
    expect(find(comparisons, 'Weave-FUSED', 'qps')).toMatchObject({ status: 'new', baseline: null, current: 330 });
    expect(find(comparisons, 'Weave-FAST', 'mean')?.status).toBe('ok');
    expect(hasRegression(comparisons)).toBe(false);
  });

  it('treats a whole section missing on one side the same way', () => {
    const withHttp = buildBenchRun({ settings: inProcessRun().settings, http: http() });
    const comparisons = compareRuns(inProcessRun(), withHttp);
    expect(comparisons.filter((c) => c.section === 'weave').every((c) => c.status === 'missing')).toBe(true);
    expect(comparisons.filter((c) => c.section === 'http').every((c) => c.status === 'new')).toBe(true);
  });

  it('compares HTTP req/s, latency and the overhead ratio', () => {
    const baseline = buildBenchRun({ settings: inProcessRun().settings, http: http(1_600, 2_000) });
    const current = buildBenchRun({ settings: inProcessRun().settings, http: http(1_000, 2_000) });
    const comparisons = compareRuns(baseline, current);
    expect(find(comparisons, 'weave FAST cached', 'req/s')?.status).toBe('regressed');
    expect(find(comparisons, 'cached ÷ bare', 'ratio')).toMatchObject({ status: 'regressed', baseline: 0.8, current: 0.5 });
    expect(find(comparisons, 'bare Apollo { ping }', 'req/s')?.status).toBe('ok');
  });
});

describe('parseBenchRun', () => {
  it('accepts a written run and rejects other JSON with the failing path', () => {
    const run = inProcessRun(defaultRows());
    expect(parseBenchRun(JSON.parse(JSON.stringify(run)))).toMatchObject({ rows: [{ name: 'Weave-BARE' }, {}, {}] });
    expect(() => parseBenchRun({ ...run, version: 0 })).toThrow(/version/);
    expect(() => parseBenchRun({ ...run, rows: [{ name: 'x' }] })).toThrow(/rows\.0\.qps/);
  });
});

describe('settingsMismatch and formatComparison', () => {
  it('names settings that differ', () => {
    const other = buildBenchRun({ settings: { ...inProcessRun().settings, memories: 10_000 } });
    expect(settingsMismatch(inProcessRun(), other)).toEqual(['memories: 1000 → 10000']);
    expect(settingsMismatch(inProcessRun(), inProcessRun())).toEqual([]);
  });

  it('prints a table with REGRESSED and a verdict', () => {
    const comparisons = compareRuns(inProcessRun([row('Weave-FAST', 3, 330, 210)]), inProcessRun([row('Weave-FAST', 6, 330, 210)]));
    const text = formatComparison(comparisons);
    expect(text.split('\n')[0]?.split(/\s{2,}/)).toEqual(['Section', 'Name', 'Metric', 'Baseline', 'Current', 'Change', 'Status']);
    expect(text).toMatch(/weave\s+Weave-FAST\s+mean ms\s+3\.00\s+6\.00\s+\+100\.0%\s+REGRESSED/);
    expect(text).toContain('3 figure(s) more than 20% slower than the baseline');
    expect(formatComparison(compareRuns(inProcessRun(), inProcessRun()))).toContain('no figure is more than 20% slower');
  });
});
