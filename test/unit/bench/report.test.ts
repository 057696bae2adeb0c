import { describe, expect, it } from 'vitest';

import { formatHttpReport, formatReport, formatWeaveTable, formatWinners } from '../../../src/bench/report.js';
import { buildBenchRun, pickWinners, BENCH_RESULTS_VERSION } from '../../../src/bench/results.js';
import { formatTable } from '../../../src/bench/table.js';

import { defaultRows, http, inProcessRun, row } from './bench-fixtures.js';

describe('formatTable', () => {
  it('pads every column to its widest cell, text left and numbers right', () => {
    const table = formatTable(
      [{ header: 'Name', align: 'left' }, { header: 'N' }],
      [
        ['a', '1'],
        ['longer', '1,000'],
      ],
    );
    expect(table.split('\n')).toEqual(['Name        N', 'a           1', 'longer  1,000']);
  });
});

describe('the weave table', () => {
  it('has the columns Name, Mode, Queries, Mean, P95, P99, QPS, Mem MB and one line per row', () => {
    const lines = formatWeaveTable(defaultRows()).split('\n');
    expect(lines[0]?.split(/\s{2,}/)).toEqual(['Name', 'Mode', 'Queries', 'Mean', 'P95', 'P99', 'QPS', 'Mem MB']);
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatch(/^Weave-FAST \(cached\)\s+FAST\s+100\s+0\.04\s+0\.06\s+0\.08\s+20,000\s+211$/);
  });
});

describe('winners', () => {
  it('names the fastest mean, the highest QPS and the lowest memory', () => {
    const rows = [row('Weave-BARE', 2.5, 400, 190), row('Weave-FAST', 3, 330, 210), row('Weave-FAST (cached)', 0.04, 20_000, 211)];
    const winners = pickWinners(rows);
    expect(winners).toEqual({ fastestMean: 'Weave-FAST (cached)', highestQps: 'Weave-FAST (cached)', lowestMemory: 'Weave-BARE' });
    expect(formatWinners(winners!, rows)).toBe(
      'winners: fastest mean Weave-FAST (cached) (0.04 ms) · highest QPS Weave-FAST (cached) (20,000) · lowest memory Weave-BARE (190 MB)',
    );
  });

  it('keeps the earlier row on a tie and is null without rows', () => {
    expect(pickWinners([row('Weave-BARE', 1, 10, 5), row('Weave-FAST', 1, 10, 5)])?.fastestMean).toBe('Weave-BARE');
    expect(pickWinners([])).toBeNull();
  });
});

describe('the JSON document', () => {
  it('carries version, settings, environment, every section and the winners, and survives JSON', () => {
    const run = inProcessRun();
    expect(Object.keys(run).sort()).toEqual(
      ['createdAt', 'embedders', 'environment', 'http', 'ingest', 'recall', 'rows', 'settings', 'startup', 'version', 'winners'].sort(),
    );
    expect(run.version).toBe(BENCH_RESULTS_VERSION);
    expect(run.createdAt).toBe('2026-01-02T03:04:05.000Z');
    expect(run.environment.cpus).toBeGreaterThan(0);
    expect(run.environment.loadAverage).toHaveLength(3);
    expect(run.winners?.highestQps).toBe('Weave-FAST (cached)');
    expect(run.http).toBeNull();
    expect(JSON.parse(JSON.stringify(run))).toEqual(run);
    expect(Object.keys(run.rows[0]!).sort()).toEqual(
      ['cacheHits', 'cached', 'count', 'errors', 'max', 'mean', 'min', 'mode', 'name', 'p50', 'p95', 'p99', 'qps', 'rssMb'].sort(),
    );
  });

  it('leaves the sections a run did not measure empty', () => {
    const run = buildBenchRun({ settings: { backend: 'embedded', embedder: 'hashing', projection: 'pca', memories: 10, queries: null, cache: null, http: true }, http: http() });
    expect(run).toMatchObject({ ingest: null, rows: [], winners: null, recall: null, startup: null, embedders: [] });
    expect(run.http?.scenarios).toHaveLength(3);
  });
});

describe('formatReport', () => {
  it('prints ingest, the table, winners, recall and startup in that order', () => {
    const text = formatReport(inProcessRun());
    const order = ['ingest (remember', 'Name', 'winners:', 'recall k=10', 'server start'].map((needle) => text.indexOf(needle));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain('2,500 memories/s, RSS after 180 MB');
    expect(text).not.toContain('Scenario');
  });

  it('notes a cached row that missed the cache', () => {
    const text = formatReport(inProcessRun([row('Weave-FAST (cached)', 0.04, 20_000, 200, { cacheHits: 97 })]));
    expect(text).toContain('Weave-FAST (cached) hit the cache 97 of 100 times');
  });

  it('prints the HTTP table with the overhead ratio', () => {
    const text = formatHttpReport(http(1_600, 2_000));
    const lines = text.split('\n');
    expect(lines.find((line) => line.startsWith('Scenario'))?.split(/\s{2,}/)).toEqual(['Scenario', 'Connections', 'Req/s', 'P50', 'P95', 'P99', 'Errors', 'Server MB']);
    expect(text).toMatch(/weave FAST cached\s+10\s+1,600\s+5\.00\s+10\.00\s+15\.00\s+0\s+150/);
    expect(text).toContain('cached weave req/s ÷ bare Apollo req/s = 80.0%');
    expect(text).toContain('in each alternating round: 78.0%, 82.0%');
    expect(text).toContain('seed over HTTP');
  });
});
