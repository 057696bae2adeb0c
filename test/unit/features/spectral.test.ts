import { describe, expect, it } from 'vitest';

import { buildEntityGraph, graphSpectrum, type GraphEdge } from '../../../src/features/index.js';
import { BadInputError } from '../../../src/shared/index.js';

function edges(...pairs: [number, number, number?][]): GraphEdge[] {
  return pairs.map(([a, b, weight = 1]) => ({ a, b, weight }));
}

function expectClose(actual: readonly number[], expected: readonly number[]): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((value, i) => {
    expect(actual[i]).toBeCloseTo(value, 10);
  });
}

describe('graphSpectrum', () => {
  it.each([
    { name: 'path P3', n: 3, e: edges([0, 1], [1, 2]), eigenvalues: [0, 1, 3, 0], fiedler: 1, components: 1 },
    { name: 'complete K4', n: 4, e: edges([0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]), eigenvalues: [0, 4, 4, 4], fiedler: 4, components: 1 },
    { name: 'two edges apart', n: 4, e: edges([0, 1], [2, 3]), eigenvalues: [0, 0, 2, 2], fiedler: 0, components: 2 },
    { name: 'weighted pair', n: 2, e: edges([0, 1, 2.5]), eigenvalues: [0, 5, 0, 0], fiedler: 5, components: 1 },
    { name: 'parallel edges add', n: 2, e: edges([0, 1], [1, 0]), eigenvalues: [0, 4, 0, 0], fiedler: 4, components: 1 },
    { name: 'no edges', n: 3, e: [], eigenvalues: [0, 0, 0, 0], fiedler: 0, components: 3 },
  ])('computes the spectrum of $name', ({ n, e, eigenvalues, fiedler, components }) => {
    const spectrum = graphSpectrum(n, e);
    expectClose(spectrum.eigenvalues, eigenvalues);
    expect(spectrum.fiedler).toBeCloseTo(fiedler, 10);
    expect(spectrum.components).toBe(components);
  });

  it('keeps the k smallest eigenvalues, ascending', () => {
    // Star S4 (centre 0): Laplacian spectrum 0, 1, 1, 1, 5.
    const spectrum = graphSpectrum(5, edges([0, 1], [0, 2], [0, 3], [0, 4]), 3);
    expectClose(spectrum.eigenvalues, [0, 1, 1]);
  });

  it('matches the closed form of a cycle C10: 2 − 2cos(2πj/10)', () => {
    const cycle = edges(...Array.from({ length: 10 }, (_, i): [number, number] => [i, (i + 1) % 10]));
    const expected = Array.from({ length: 10 }, (_, j) => 2 - 2 * Math.cos((2 * Math.PI * j) / 10)).sort((a, b) => a - b);
    expectClose(graphSpectrum(10, cycle, 10).eigenvalues, expected);
  });

  it.each([0, 1])('returns zeros for %i nodes', (n) => {
    expect(graphSpectrum(n, [])).toEqual({ eigenvalues: [0, 0, 0, 0], fiedler: 0, components: n });
  });

  it('rejects edges outside the graph and negative weights', () => {
    expect(() => graphSpectrum(2, edges([0, 2]))).toThrow(BadInputError);
    expect(() => graphSpectrum(2, edges([0, 1, -1]))).toThrow(BadInputError);
  });
});

describe('buildEntityGraph', () => {
  it('links memories by the number of entities they share, ignoring case', () => {
    const graph = buildEntityGraph([
      { entities: ['Paris', 'France'] },
      { entities: ['paris', 'FRANCE', 'Seine'] },
      { entities: ['Seine'] },
      { entities: ['Tokyo'] },
    ]);
    expect(graph).toEqual([
      { a: 0, b: 1, weight: 2 },
      { a: 1, b: 2, weight: 1 },
    ]);
  });

  it('counts an entity repeated inside one memory once', () => {
    expect(buildEntityGraph([{ entities: ['Bob', 'bob'] }, { entities: ['BOB'] }])).toEqual([{ a: 0, b: 1, weight: 1 }]);
  });

  it('feeds graphSpectrum: disconnected memories show up as extra components', () => {
    const memories = [{ entities: ['A'] }, { entities: ['a', 'B'] }, { entities: ['C'] }];
    expect(graphSpectrum(memories.length, buildEntityGraph(memories)).components).toBe(2);
  });
});
