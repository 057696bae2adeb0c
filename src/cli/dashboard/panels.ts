import { Box, Text } from 'ink';
import { createElement, type ReactElement, type ReactNode } from 'react';

import {
  bar,
  cpuColour,
  formatDuration,
  formatMb,
  formatMs,
  formatPercent,
  formatRate,
  rssColour,
  RSS_BUDGET_MB,
  sharesOf,
  sparkline,
} from './format.js';
import type { CacheRate, NamedCount, ProcessStats, TrainingActivity, WireNamedLatency, WireSnapshot } from './snapshot.js';

/** React.createElement under a short name: the shared tsconfig has no JSX, and TSX would need it. */
export const h = createElement;

/** Width of one panel; two side by side fit an 100-column terminal, narrower ones wrap them. */
export const PANEL_WIDTH = 50;
const BAR_WIDTH = 12;
const NAME_WIDTH = 12;
/** Rows of tools and patterns shown; the rest are summed into "other". */
const TOP_ROWS = 6;

interface PanelProps {
  readonly title: string;
  readonly children?: ReactNode;
}

export function Panel({ title, children }: PanelProps): ReactElement {
  return h(
    Box,
    { flexDirection: 'column', borderStyle: 'round', paddingX: 1, width: PANEL_WIDTH },
    h(Text, { bold: true }, title),
    children,
  );
}

const name = (value: string): string => value.padEnd(NAME_WIDTH).slice(0, NAME_WIDTH);

function latencyLine(label: string, latency: WireNamedLatency['latency']): ReactElement {
  const cell = (ms: number): string => formatMs(ms).padStart(7);
  // Mode names (BARE, FAST, FUSED) are short; a narrow label column keeps the line in one panel.
  return h(Text, { key: label }, `${label.padEnd(6)} p50 ${cell(latency.p50Ms)}  p95 ${cell(latency.p95Ms)}  p99 ${cell(latency.p99Ms)}`);
}

export function LatencyPanel({ snapshot }: { readonly snapshot: WireSnapshot }): ReactElement {
  return h(
    Panel,
    { title: `Weave latency (60 s, n=${snapshot.latency.count.toString()})` },
    latencyLine('all', snapshot.latency),
    ...snapshot.modes.map((mode) => latencyLine(mode.name, mode.latency)),
  );
}

export function ThroughputPanel({ snapshot, history }: { readonly snapshot: WireSnapshot; readonly history: readonly number[] }): ReactElement {
  const { perSecond10s, perSecond60s } = snapshot.throughput;
  return h(
    Panel,
    { title: 'QPS (weaves per second)' },
    h(Text, null, `10 s ${formatRate(perSecond10s)}/s   60 s ${formatRate(perSecond60s)}/s`),
    h(Text, { color: 'cyan' }, sparkline(history, PANEL_WIDTH - 4)),
  );
}

export function ProcessPanel({ stats }: { readonly stats: ProcessStats }): ReactElement {
  return h(
    Panel,
    { title: 'Process' },
    h(Text, null, 'CPU  ', h(Text, { color: cpuColour(stats.cpuPercent) }, `${stats.cpuPercent.toFixed(1)}%`)),
    h(Text, null, 'RSS  ', h(Text, { color: rssColour(stats.rssMb) }, formatMb(stats.rssMb)), ` of ${RSS_BUDGET_MB.toString()} MB`),
    h(Text, null, `heap ${formatMb(stats.heapUsedMb)}  loop p99 ${formatMs(stats.eventLoopDelayP99Ms)}`),
    h(Text, null, `up ${formatDuration(stats.uptimeSeconds)}`),
  );
}

export function CachePanel({ caches }: { readonly caches: readonly CacheRate[] }): ReactElement {
  const rows = caches.map((cache) =>
    h(
      Text,
      { key: cache.name },
      `${name(cache.name)}${formatPercent(cache.hitRate).padStart(4)} ${bar(cache.hitRate, BAR_WIDTH)} ${cache.hits.toString()}/${(cache.hits + cache.misses).toString()} size ${cache.size.toString()}`,
    ),
  );
  return h(Panel, { title: 'Cache hit rate' }, ...(rows.length > 0 ? rows : [h(Text, { key: 'none', dimColor: true }, 'no caches')]));
}

/** Tools or patterns: counts and share bars, the largest first. */
export function CountsPanel({ title, counts }: { readonly title: string; readonly counts: readonly NamedCount[] }): ReactElement {
  const shares = sharesOf(counts);
  const shown = shares.slice(0, TOP_ROWS);
  const rest = shares.slice(TOP_ROWS);
  if (rest.length > 0) {
    shown.push({
      name: 'other',
      count: rest.reduce((sum, entry) => sum + entry.count, 0),
      share: rest.reduce((sum, entry) => sum + entry.share, 0),
    });
  }
  const rows = shown.map((entry) =>
    h(Text, { key: entry.name }, `${name(entry.name)}${entry.count.toString().padStart(6)} ${formatPercent(entry.share).padStart(4)} ${bar(entry.share, BAR_WIDTH)}`),
  );
  return h(Panel, { title }, ...(rows.length > 0 ? rows : [h(Text, { key: 'none', dimColor: true }, 'none yet')]));
}

function trainingLine(training: TrainingActivity): string {
  const last = training.lastUpdate;
  if (last === null) {
    return 'no PPO update yet';
  }
  const progress = `${last.update.toString()}/${last.updates.toString()}`;
  return `${last.runId}: update ${progress}, mean reward ${last.meanReward.toFixed(3)}${last.done ? ' (done)' : ''}`;
}

export function TrainingPanel({ snapshot }: { readonly snapshot: WireSnapshot }): ReactElement {
  const { training, connections } = snapshot;
  return h(
    Panel,
    { title: 'Training & connections' },
    h(Text, null, `training: ${training.running.toString()} running, ${training.finished.toString()} finished`),
    h(Text, { wrap: 'truncate-end' }, trainingLine(training)),
    h(Text, null, `websockets ${connections.websockets.toString()}  subscriptions ${connections.subscriptions.toString()}`),
  );
}
