import { formatTick, niceDomain, niceTicks } from './nice-ticks.js';

/** One measurement of a learning curve, e.g. (environment steps, mean return of the last 100). */
export interface CurvePoint {
  readonly x: number;
  readonly y: number;
}

/** One line of the chart, e.g. one seed. */
export interface CurveSeries {
  readonly label: string;
  readonly points: readonly CurvePoint[];
}

export interface LearningCurveChart {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly CurveSeries[];
  /** Drawn as a dashed horizontal line across the plot, and named in the legend. */
  readonly target?: { readonly value: number; readonly label: string };
  /** Axis ranges; by default x runs from 0 and y covers the data and the target, both widened to nice ticks. */
  readonly xRange?: readonly [number, number];
  readonly yRange?: readonly [number, number];
  /** Formats y tick labels (e.g. a percent sign). @default formatTick */
  readonly yFormat?: (value: number) => string;
}

const WIDTH = 760;
const HEIGHT = 440;
/** Room for tick labels (left, bottom), the title (top) and the legend (right). */
const MARGIN = { left: 70, right: 170, top: 44, bottom: 56 } as const;
const PLOT = { left: MARGIN.left, top: MARGIN.top, right: WIDTH - MARGIN.right, bottom: HEIGHT - MARGIN.bottom };
/** Distinguishable on white and for the common colour-vision deficiencies (Okabe-Ito). */
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'] as const;
const TARGET_COLOUR = '#666666';
const TICK_LENGTH = 5;

type Scale = (value: number) => number;

const coordinate = (value: number): string => value.toFixed(1);

/** Text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/gu, (char) => `&#${char.charCodeAt(0)};`);
}

function finitePoints(series: CurveSeries): CurvePoint[] {
  return series.points.filter((point) => Number.isFinite(point.x) && Number.isFinite(point.y));
}

function domains(chart: LearningCurveChart): { x: [number, number]; y: [number, number] } {
  const points = chart.series.flatMap(finitePoints);
  const xs = points.map((point) => point.x);
  const ys = [...points.map((point) => point.y), ...(chart.target === undefined ? [] : [chart.target.value])];
  const x = chart.xRange ?? niceDomain(Math.min(0, ...xs), Math.max(1, ...xs));
  const y = chart.yRange ?? niceDomain(Math.min(0, ...ys), Math.max(...ys, 1));
  return { x: [x[0], x[1]], y: [y[0], y[1]] };
}

function linearScale([from, to]: [number, number], start: number, end: number): Scale {
  const span = to - from || 1;
  return (value) => start + ((value - from) / span) * (end - start);
}

function axes(xDomain: [number, number], yDomain: [number, number], x: Scale, y: Scale, yFormat: (value: number) => string): string[] {
  const xTicks = niceTicks(xDomain[0], xDomain[1], 6).map((tick) => {
    const at = coordinate(x(tick));
    return (
      `<line class="grid" x1="${at}" y1="${PLOT.top}" x2="${at}" y2="${PLOT.bottom}" stroke="#eeeeee"/>` +
      `<line class="tick" x1="${at}" y1="${PLOT.bottom}" x2="${at}" y2="${PLOT.bottom + TICK_LENGTH}" stroke="#333333"/>` +
      `<text x="${at}" y="${PLOT.bottom + 18}" text-anchor="middle">${escapeXml(formatTick(tick))}</text>`
    );
  });
  const yTicks = niceTicks(yDomain[0], yDomain[1], 5).map((tick) => {
    const at = coordinate(y(tick));
    return (
      `<line class="grid" x1="${PLOT.left}" y1="${at}" x2="${PLOT.right}" y2="${at}" stroke="#eeeeee"/>` +
      `<line class="tick" x1="${PLOT.left - TICK_LENGTH}" y1="${at}" x2="${PLOT.left}" y2="${at}" stroke="#333333"/>` +
      `<text x="${PLOT.left - 9}" y="${at}" text-anchor="end" dominant-baseline="middle">${escapeXml(yFormat(tick))}</text>`
    );
  });
  const frame =
    `<line class="axis" x1="${PLOT.left}" y1="${PLOT.bottom}" x2="${PLOT.right}" y2="${PLOT.bottom}" stroke="#333333"/>` +
    `<line class="axis" x1="${PLOT.left}" y1="${PLOT.top}" x2="${PLOT.left}" y2="${PLOT.bottom}" stroke="#333333"/>`;
  return [...xTicks, ...yTicks, frame];
}

function labels(chart: LearningCurveChart): string {
  const middleX = coordinate((PLOT.left + PLOT.right) / 2);
  const middleY = coordinate((PLOT.top + PLOT.bottom) / 2);
  return (
    `<text class="title" x="${middleX}" y="24" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(chart.title)}</text>` +
    `<text class="x-label" x="${middleX}" y="${HEIGHT - 14}" text-anchor="middle">${escapeXml(chart.xLabel)}</text>` +
    `<text class="y-label" x="18" y="${middleY}" text-anchor="middle" transform="rotate(-90 18 ${middleY})">${escapeXml(chart.yLabel)}</text>`
  );
}

function polylines(chart: LearningCurveChart, x: Scale, y: Scale): string[] {
  return chart.series.map((series, i) => {
    const points = finitePoints(series)
      .map((point) => `${coordinate(x(point.x))},${coordinate(y(point.y))}`)
      .join(' ');
    const colour = PALETTE[i % PALETTE.length] ?? '#000000';
    return `<polyline class="series" data-series="${escapeXml(series.label)}" fill="none" stroke="${colour}" stroke-width="1.6" stroke-linejoin="round" points="${points}"/>`;
  });
}

function targetLine(chart: LearningCurveChart, y: Scale): string {
  if (chart.target === undefined) {
    return '';
  }
  const at = coordinate(y(chart.target.value));
  return `<line class="target" data-value="${chart.target.value}" x1="${PLOT.left}" y1="${at}" x2="${PLOT.right}" y2="${at}" stroke="${TARGET_COLOUR}" stroke-width="1.4" stroke-dasharray="6 4"/>`;
}

function legend(chart: LearningCurveChart): string {
  const entries: { label: string; colour: string; dash: string }[] = chart.series.map((series, i) => ({
    label: series.label,
    colour: PALETTE[i % PALETTE.length] ?? '#000000',
    dash: '',
  }));
  if (chart.target !== undefined) {
    entries.push({ label: chart.target.label, colour: TARGET_COLOUR, dash: ' stroke-dasharray="6 4"' });
  }
  const left = PLOT.right + 16;
  const rows = entries.map((entry, i) => {
    const at = PLOT.top + 10 + i * 20;
    return (
      `<line x1="${left}" y1="${at}" x2="${left + 24}" y2="${at}" stroke="${entry.colour}" stroke-width="2"${entry.dash}/>` +
      `<text x="${left + 30}" y="${at}" dominant-baseline="middle">${escapeXml(entry.label)}</text>`
    );
  });
  return `<g class="legend">${rows.join('')}</g>`;
}

/**
 * A learning-curve chart as a standalone SVG document: one polyline per series (non-finite
 * points skipped), the target as a dashed line, axes with nice ticks, a title and a legend.
 * Pure: the same chart gives the same text.
 */
export function renderLearningCurveSvg(chart: LearningCurveChart): string {
  const domain = domains(chart);
  const x = linearScale(domain.x, PLOT.left, PLOT.right);
  const y = linearScale(domain.y, PLOT.bottom, PLOT.top);
  const body = [
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    ...axes(domain.x, domain.y, x, y, chart.yFormat ?? formatTick),
    labels(chart),
    targetLine(chart, y),
    ...polylines(chart, x, y),
    legend(chart),
  ];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<title>${escapeXml(chart.title)}</title>`,
    ...body.filter((element) => element !== ''),
    '</svg>',
    '',
  ].join('\n');
}
