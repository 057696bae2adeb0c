import { describe, expect, it } from 'vitest';

import { escapeXml, renderLearningCurveSvg, type LearningCurveChart } from '../../../../src/learning/curves/index.js';

interface Element {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly text: string;
}

/**
 * Just enough XML for this output: checks that tags nest and close, and collects each element's
 * attributes and direct text. Throws on anything unbalanced.
 */
function parseXmlish(xml: string): Element[] {
  const elements: Element[] = [];
  const open: { name: string; attributes: Record<string, string>; text: string }[] = [];
  const tag = /<(\/?)([\w:-]+)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>|([^<]+)/gy;
  let position = 0;
  for (let match = tag.exec(xml); match !== null; match = tag.exec(xml)) {
    position = tag.lastIndex;
    const [, closing, name, attributeText, selfClosing, text] = match;
    if (text !== undefined) {
      const top = open.at(-1);
      if (top !== undefined) {
        top.text += text;
      }
      continue;
    }
    if (closing === '/') {
      const top = open.pop();
      expect(top?.name, `</${name}> closes <${top?.name}>`).toBe(name);
      elements.push(top!);
      continue;
    }
    const attributes = Object.fromEntries([...(attributeText ?? '').matchAll(/([\w:-]+)="([^"]*)"/g)].map(([, key, value]) => [key!, value!]));
    const element = { name: name!, attributes, text: '' };
    if (selfClosing === '/') {
      elements.push(element);
    } else {
      open.push(element);
    }
  }
  expect(position, 'the whole document parses').toBe(xml.length);
  expect(open, 'every element is closed').toHaveLength(0);
  return elements;
}

const chart: LearningCurveChart = {
  title: 'CartPole-v1 <PPO> & friends',
  xLabel: 'environment steps',
  yLabel: 'mean return over the last 100 episodes',
  series: [
    { label: 'seed 1', points: [0, 1, 2, 3, 4].map((i) => ({ x: i * 512, y: 20 + i * 100 })) },
    { label: 'seed 2', points: [0, 1, 2].map((i) => ({ x: i * 512, y: 30 + i * 150 })) },
    { label: 'seed 3', points: [{ x: 0, y: Number.NaN }, { x: 512, y: 40 }, { x: 1024, y: Infinity }, { x: 1536, y: 90 }] },
  ],
  target: { value: 475, label: 'target 475' },
  xRange: [0, 2048],
  yRange: [0, 500],
};

const pointsOf = (element: Element): string[][] => (element.attributes['points'] ?? '').trim().split(/\s+/).map((pair) => pair.split(','));

describe('renderLearningCurveSvg', () => {
  const svg = renderLearningCurveSvg(chart);
  const elements = parseXmlish(svg);
  const byName = (name: string): Element[] => elements.filter((element) => element.name === name);
  const root = byName('svg')[0]!;

  it('is one well-formed svg document with a viewBox', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(byName('svg')).toHaveLength(1);
    expect(root.attributes['viewBox']).toMatch(/^0 0 \d+ \d+$/);
  });

  it('draws one polyline per series with one point per finite measurement', () => {
    const lines = byName('polyline');
    expect(lines.map((line) => line.attributes['data-series'])).toEqual(['seed 1', 'seed 2', 'seed 3']);
    expect(lines.map((line) => pointsOf(line).length)).toEqual([5, 3, 2]);
    for (const line of lines) {
      for (const [x, y] of pointsOf(line)) {
        expect(Number.isFinite(Number(x)) && Number.isFinite(Number(y))).toBe(true);
      }
    }
    expect(new Set(lines.map((line) => line.attributes['stroke'])).size).toBe(3);
  });

  it('maps data to the plot: x grows to the right, y grows upwards', () => {
    const [first] = byName('polyline');
    const points = pointsOf(first!).map(([x, y]) => [Number(x), Number(y)] as const);
    for (let i = 1; i < points.length; i++) {
      expect(points[i]![0]).toBeGreaterThan(points[i - 1]![0]);
      expect(points[i]![1]).toBeLessThan(points[i - 1]![1]);
    }
  });

  it('draws the target as one dashed horizontal line at its value', () => {
    const [target, ...others] = elements.filter((element) => element.attributes['class'] === 'target');
    expect(others).toHaveLength(0);
    expect(target!.attributes['stroke-dasharray']).toBeDefined();
    expect(target!.attributes['y1']).toBe(target!.attributes['y2']);
    expect(target!.attributes['data-value']).toBe('475');
    // 475 of 0..500 sits 5% below the top of the plot's y range.
    const zeroY = Number(byName('line').find((line) => line.attributes['class'] === 'axis' && line.attributes['y1'] === line.attributes['y2'])!.attributes['y1']);
    const topY = Number(byName('line').find((line) => line.attributes['class'] === 'axis' && line.attributes['x1'] === line.attributes['x2'])!.attributes['y1']);
    expect(Number(target!.attributes['y1'])).toBeCloseTo(zeroY - 0.95 * (zeroY - topY), 0);
  });

  it('has both axes, labelled nice ticks, axis titles and a legend naming every line and the target', () => {
    expect(elements.filter((element) => element.attributes['class'] === 'axis')).toHaveLength(2);
    const texts = byName('text').map((text) => text.text);
    expect(texts).toEqual(expect.arrayContaining(['0', '500', '1000', '1500', '2000', '100', '400']));
    expect(texts).toEqual(expect.arrayContaining(['environment steps', 'mean return over the last 100 episodes']));
    expect(elements.filter((element) => element.attributes['class'] === 'tick').length).toBeGreaterThanOrEqual(8);
    const legend = svg.slice(svg.indexOf('<g class="legend">'));
    for (const label of ['seed 1', 'seed 2', 'seed 3', 'target 475']) {
      expect(legend).toContain(`>${label}</text>`);
    }
  });

  it('escapes text, and is pure', () => {
    expect(svg).toContain('CartPole-v1 &#60;PPO&#62; &#38; friends');
    expect(escapeXml(`"a" & 'b'`)).toBe('&#34;a&#34; &#38; &#39;b&#39;');
    expect(renderLearningCurveSvg(chart)).toBe(svg);
  });

  it('picks ranges from the data when none are given, and draws an empty chart without series', () => {
    const { title, xLabel, yLabel, series } = chart;
    const auto = parseXmlish(renderLearningCurveSvg({ title, xLabel, yLabel, series }));
    expect(auto.filter((element) => element.name === 'polyline')).toHaveLength(3);
    expect(auto.some((element) => element.attributes['class'] === 'target')).toBe(false);
    const empty = parseXmlish(renderLearningCurveSvg({ ...chart, series: [] }));
    expect(empty.filter((element) => element.name === 'polyline')).toHaveLength(0);
  });
});
