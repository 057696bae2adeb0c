import { renderLearningCurveSvg, type LearningCurveChart } from '../learning/curves/index.js';
import type { QueryFamily, SuccessTally } from '../learning/index.js';
import type { PpoConfig } from '../learning/ppo/index.js';

import type { ToolChoiceScores } from './train-toolchoice.js';
import type { SeedTrainingResult } from './train-seed.js';

export type TrainEnvName = 'cartpole' | 'toolchoice';

/** One seed's run as reported: the training figures and, for tool choice, greedy scores. */
export interface SeedReport extends SeedTrainingResult {
  readonly scores?: ToolChoiceScores;
}

/** Everything `hololoom train` prints, draws and writes as JSON. */
export interface TrainReport {
  readonly env: TrainEnvName;
  /** e.g. "CartPole-v1" or "tool choice · onnx:all-MiniLM-L6-v2 · obs-v2". */
  readonly description: string;
  readonly unit: 'steps' | 'episodes';
  /** Steps or episodes per seed. */
  readonly budget: number;
  readonly window: number;
  readonly target: number;
  readonly config: PpoConfig;
  readonly seeds: readonly SeedReport[];
  /** Tool choice only: the query families, for the per-family table. */
  readonly families?: readonly QueryFamily[];
}

const percent = (value: number): string => (Number.isFinite(value) ? `${(value * 100).toFixed(1)}%` : '–');
const fixed = (digits: number) => (value: number | null): string => (value === null || !Number.isFinite(value) ? '–' : value.toFixed(digits));
const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / Math.max(values.length, 1);

/** The windowed metric as the tables show it: a return, or a success rate in percent. */
export function formatMetric(env: TrainEnvName, value: number): string {
  return env === 'cartpole' ? fixed(1)(value) : percent(value);
}

/** A cell that reads as a figure: right-aligned, so digits line up. */
const NUMERIC_CELL = /^(?:[-+]?[\d.,]+%?|–|not reached)?$/u;

/** A pipe table (Markdown-compatible): numeric columns right-aligned, text columns left-aligned. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const numeric = header.map((_, column) => column > 0 && rows.every((row) => NUMERIC_CELL.test(row[column] ?? '')));
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell, column) => (numeric[column] === true ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((width, column) => (numeric[column] === true ? `${'-'.repeat(width + 1)}:` : `:${'-'.repeat(width + 1)}`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function seedRow(report: TrainReport, seed: SeedReport): string[] {
  const row = [
    String(seed.seed),
    seed.reachedAt === null ? 'not reached' : String(seed.reachedAt),
    fixed(1)(seed.secondsToTarget),
    fixed(1)(seed.seconds),
    formatMetric(report.env, seed.finalMetric),
  ];
  return seed.scores === undefined ? row : [...row, percent(seed.scores.train.successRate), percent(seed.scores.heldOut.successRate)];
}

/** One row per seed, then their mean: when the target was reached, wall-clock, final figures. */
export function formatSeedTable(report: TrainReport): string {
  const metric = report.env === 'cartpole' ? `mean return (last ${report.window})` : `success (last ${report.window})`;
  const header = ['seed', `target at (${report.unit})`, 's to target', 'wall s', `final ${metric}`];
  const toolChoice = report.env === 'toolchoice';
  const fullHeader = toolChoice ? [...header, 'train (greedy)', 'held-out (greedy)'] : header;
  const rows = report.seeds.map((seed) => seedRow(report, seed));
  const scored = report.seeds.flatMap((seed) => (seed.scores === undefined ? [] : [seed.scores]));
  const meanRow = [
    'mean',
    '',
    '',
    fixed(1)(mean(report.seeds.map((seed) => seed.seconds))),
    formatMetric(report.env, mean(report.seeds.map((seed) => seed.finalMetric))),
    ...(toolChoice ? [percent(mean(scored.map((s) => s.train.successRate))), percent(mean(scored.map((s) => s.heldOut.successRate)))] : []),
  ];
  const target = report.env === 'cartpole' ? String(report.target) : percent(report.target);
  const title = `${report.description}: ${report.budget} ${report.unit} per seed; target ${metric} ≥ ${target}`;
  return [title, formatTable(fullHeader, report.seeds.length > 1 ? [...rows, meanRow] : rows)].join('\n');
}

/** Held-out greedy success per query family and seed (tool choice only; '' otherwise). */
export function formatFamilyTable(report: TrainReport): string {
  const families = report.families ?? [];
  const scored = report.seeds.filter((seed) => seed.scores !== undefined);
  if (families.length === 0 || scored.length === 0) {
    return '';
  }
  const tally = (seed: SeedReport, family: string): SuccessTally | undefined => seed.scores?.heldOut.byFamily[family];
  const rows = families.map((family) => {
    const rates = scored.map((seed) => tally(seed, family.name)?.successRate ?? Number.NaN);
    const count = Math.max(0, ...scored.map((seed) => tally(seed, family.name)?.total ?? 0));
    return [family.name, family.tool, family.cueBreaking ? 'yes' : 'no', String(count), ...rates.map(percent), percent(mean(rates))];
  });
  const header = ['held-out family', 'tool', 'cue-breaking', 'n', ...scored.map((seed) => `seed ${seed.seed}`), 'mean'];
  return formatTable(header, rows);
}

/** The chart: one line per seed, the target dashed; tool-choice rates drawn in percent. */
export function learningCurveChart(report: TrainReport): LearningCurveChart {
  const scale = report.env === 'cartpole' ? 1 : 100;
  const yLabel = report.env === 'cartpole' ? `mean return over the last ${report.window} episodes` : `success rate over the last ${report.window} episodes (%)`;
  return {
    title: `${report.description} — PPO learning curve`,
    xLabel: report.env === 'cartpole' ? 'environment steps' : 'episodes (one query each)',
    yLabel,
    series: report.seeds.map((seed) => ({ label: `seed ${seed.seed}`, points: seed.curve.map((sample) => ({ x: sample.x, y: sample.y * scale })) })),
    target: { value: report.target * scale, label: `target ${report.env === 'cartpole' ? report.target : `${report.target * scale}%`}` },
    xRange: [0, report.budget],
    yRange: report.env === 'cartpole' ? [0, 500] : [0, 100],
  };
}

export function renderReportSvg(report: TrainReport): string {
  return renderLearningCurveSvg(learningCurveChart(report));
}

/** The report as JSON-ready data (Infinity, e.g. targetKl off, becomes null). */
export function reportJson(report: TrainReport): unknown {
  return JSON.parse(JSON.stringify(report, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value)));
}
