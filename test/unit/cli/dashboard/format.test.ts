import { describe, expect, it } from 'vitest';

import {
  bar,
  barCells,
  cpuColour,
  formatDuration,
  formatMb,
  formatMs,
  formatPercent,
  formatRate,
  HISTORY_LIMIT,
  pushHistory,
  ratioColour,
  rssColour,
  sharesOf,
  sparkline,
} from '../../../../src/cli/dashboard/format.js';

describe('dashboard thresholds', () => {
  it('colours CPU green below 50 %, yellow below 80 %, red from there', () => {
    expect(cpuColour(0)).toBe('green');
    expect(cpuColour(49.9)).toBe('green');
    expect(cpuColour(50)).toBe('yellow');
    expect(cpuColour(79.9)).toBe('yellow');
    expect(cpuColour(80)).toBe('red');
    expect(cpuColour(250)).toBe('red');
  });

  it('colours RSS against the 400 MB budget', () => {
    expect(rssColour(199)).toBe('green');
    expect(rssColour(200)).toBe('yellow');
    expect(rssColour(319)).toBe('yellow');
    expect(rssColour(320)).toBe('red');
    expect(rssColour(60, 100)).toBe('yellow');
  });

  it('does not alarm on a missing reading', () => {
    expect(ratioColour(Number.NaN)).toBe('green');
    expect(ratioColour(Number.POSITIVE_INFINITY)).toBe('red');
  });
});

describe('dashboard bars and sparkline', () => {
  it('fills a bar in proportion, clamped to its width', () => {
    expect(barCells(0.5, 10)).toBe(5);
    expect(barCells(0.04, 10)).toBe(0);
    expect(barCells(0.06, 10)).toBe(1);
    expect(barCells(1.7, 10)).toBe(10);
    expect(barCells(-1, 10)).toBe(0);
    expect(barCells(Number.NaN, 10)).toBe(0);
    expect(bar(0.75, 4)).toBe('███░');
    expect(bar(0, 3)).toBe('░░░');
  });

  it('scales a sparkline from zero to the largest value', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([0, 0, 0])).toBe('▁▁▁');
    expect(sparkline([])).toBe('');
    expect(sparkline([5, 5])).toBe('██');
    expect(sparkline([1, 2, 3, 4], 2)).toBe('▆█');
  });

  it('keeps the newest values of the history', () => {
    const full = Array.from({ length: HISTORY_LIMIT }, (_, i) => i);
    const next = pushHistory(full, 99);
    expect(next).toHaveLength(HISTORY_LIMIT);
    expect(next.at(0)).toBe(1);
    expect(next.at(-1)).toBe(99);
    expect(pushHistory([1], 2, 5)).toEqual([1, 2]);
  });
});

describe('dashboard number formats', () => {
  it('formats durations, rates, percentages and sizes', () => {
    expect(formatMs(3.21)).toBe('3.2 ms');
    expect(formatMs(148.4)).toBe('148 ms');
    expect(formatRate(3.456)).toBe('3.5');
    expect(formatPercent(0.875)).toBe('88%');
    expect(formatMb(180.4)).toBe('180 MB');
    expect(formatMb(95.46)).toBe('95.5 MB');
    expect(formatDuration(42)).toBe('42s');
    expect(formatDuration(185)).toBe('3m 05s');
    expect(formatDuration(7_620)).toBe('2h 07m');
  });

  it('computes shares, largest first', () => {
    expect(sharesOf([{ name: 'CALC', count: 1 }, { name: 'ANSWER', count: 3 }])).toEqual([
      { name: 'ANSWER', count: 3, share: 0.75 },
      { name: 'CALC', count: 1, share: 0.25 },
    ]);
    expect(sharesOf([{ name: 'NOTE', count: 0 }])).toEqual([{ name: 'NOTE', count: 0, share: 0 }]);
  });
});
