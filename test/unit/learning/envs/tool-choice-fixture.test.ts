import { readFileSync, writeFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import {
  DEFAULT_TOOL_CHOICE_FIXTURE,
  loadToolChoiceDataset,
  normalizeQuery,
  parseToolChoiceDataset,
} from '../../../../src/learning/index.js';
import { detectMotifs } from '../../../../src/features/index.js';
import { motifPriorProbabilities } from '../../../../src/policy/index.js';
import { TOOL_NAMES } from '../../../../src/shared/index.js';
import { FAMILIES } from '../../../fixtures/tool-choice-generator/families.js';
import { generateToolChoiceDataset } from '../../../fixtures/tool-choice-generator/generate.js';
import { ENTITY_SLOTS } from '../../../fixtures/tool-choice-generator/slots.js';

// Regenerate with: WRITE_TOOL_CHOICE_FIXTURE=1 npx vitest run --project unit test/unit/learning/envs/tool-choice-fixture.test.ts
if (process.env['WRITE_TOOL_CHOICE_FIXTURE'] === '1') {
  writeFileSync(DEFAULT_TOOL_CHOICE_FIXTURE, `${JSON.stringify(generateToolChoiceDataset(), null, 2)}\n`);
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

describe('tool-choice fixture', () => {
  it('is exactly what the committed generator produces', () => {
    const onDisk: unknown = JSON.parse(readFileSync(DEFAULT_TOOL_CHOICE_FIXTURE, 'utf8'));
    expect(onDisk).toEqual(JSON.parse(JSON.stringify(generateToolChoiceDataset())));
  });

  it('loads, validates and holds several hundred queries in every family and tool', async () => {
    const dataset = await loadToolChoiceDataset();
    expect(dataset.train.length).toBeGreaterThanOrEqual(400);
    expect(dataset.test.length).toBeGreaterThanOrEqual(150);
    for (const split of [dataset.train, dataset.test]) {
      expect(new Set(split.map((item) => item.tool))).toEqual(new Set(TOOL_NAMES));
      expect(new Set(split.map((item) => item.family))).toEqual(new Set(FAMILIES.map((family) => family.name)));
    }
  });

  it('keeps the splits disjoint: no query, template or named entity of the test split is in train', async () => {
    const dataset = await loadToolChoiceDataset();
    const train = new Set(dataset.train.map((item) => normalizeQuery(item.query)));
    expect(dataset.test.filter((item) => train.has(normalizeQuery(item.query)))).toEqual([]);
    for (const family of FAMILIES) {
      expect(family.train.filter((template) => family.test.includes(template))).toEqual([]);
    }
    const trainOnly = Object.values(ENTITY_SLOTS).flatMap((pool) => pool.train.filter((value) => !pool.test.includes(value)));
    const leaks = dataset.test.flatMap((item) =>
      trainOnly.filter((value) => new RegExp(`\\b${escape(value)}\\b`, 'iu').test(item.query)).map((value) => `${item.id}: ${value}`),
    );
    expect(leaks).toEqual([]);
  });

  it('defeats the untrained motif prior exactly on the cue-breaking families, so learning has work to do', async () => {
    const dataset = await loadToolChoiceDataset();
    const priorPick = (query: string): string => {
      const probabilities = Object.entries(motifPriorProbabilities(detectMotifs(query)));
      return probabilities.reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
    };
    for (const family of dataset.families) {
      const items = [...dataset.train, ...dataset.test].filter((item) => item.family === family.name);
      const right = items.filter((item) => priorPick(item.query) === item.tool).length;
      expect({ family: family.name, right }).toEqual({ family: family.name, right: family.cueBreaking ? 0 : items.length });
    }
  });

  it('rejects a fixture whose labels disagree with their family or whose test query is in train', () => {
    const dataset = generateToolChoiceDataset();
    const first = dataset.train[0]!;
    expect(() => parseToolChoiceDataset({ ...dataset, train: [{ ...first, tool: 'NOTE' }, ...dataset.train.slice(1)] })).toThrow(
      /labelled NOTE/u,
    );
    expect(() => parseToolChoiceDataset({ ...dataset, test: [...dataset.test, { ...first, id: 'copy' }] })).toThrow(/training split/u);
    expect(() => parseToolChoiceDataset({ ...dataset, test: [] })).toThrow();
  });
});
