import { readFile } from 'node:fs/promises';

import { z } from 'zod';

import { TOOL_NAMES, type ToolName } from '../../shared/index.js';

/** Where the labelled query set lives in the repository (the CLI's default). */
export const DEFAULT_TOOL_CHOICE_FIXTURE = 'test/fixtures/tool-choice.json';

/** The two disjoint halves of the query set: train on one, measure on the other. */
export type ToolChoiceSplit = 'train' | 'test';

/** One labelled query: the tool a careful user would want for it, and how it is phrased. */
export interface LabelledQuery {
  readonly id: string;
  readonly query: string;
  readonly tool: ToolName;
  readonly family: string;
}

/** A family of queries sharing a right tool and a way of asking. */
export interface QueryFamily {
  readonly name: string;
  readonly tool: ToolName;
  readonly description: string;
  /** Worded so that the motif prior's surface cues miss or point at another tool. */
  readonly cueBreaking: boolean;
}

export interface ToolChoiceDataset {
  readonly families: readonly QueryFamily[];
  readonly train: readonly LabelledQuery[];
  readonly test: readonly LabelledQuery[];
}

const Tool = z.enum(TOOL_NAMES);
const Query = z.object({ id: z.string().min(1), query: z.string().min(1), tool: Tool, family: z.string().min(1) });
const Dataset = z.object({
  families: z.array(z.object({ name: z.string().min(1), tool: Tool, description: z.string(), cueBreaking: z.boolean() })),
  train: z.array(Query).min(1),
  test: z.array(Query).min(1),
});

function checkConsistency(dataset: ToolChoiceDataset): void {
  const families = new Map(dataset.families.map((family) => [family.name, family]));
  const all = [...dataset.train, ...dataset.test];
  const ids = new Set<string>();
  for (const item of all) {
    const family = families.get(item.family);
    if (family?.tool !== item.tool) {
      throw new Error(`Query ${item.id} is labelled ${item.tool} but family "${item.family}" is ${family?.tool ?? 'unknown'}.`);
    }
    if (ids.has(item.id)) {
      throw new Error(`Query id ${item.id} appears twice.`);
    }
    ids.add(item.id);
  }
  const trainTexts = new Set(dataset.train.map((item) => normalizeQuery(item.query)));
  const leaked = dataset.test.find((item) => trainTexts.has(normalizeQuery(item.query)));
  if (leaked !== undefined) {
    throw new Error(`Held-out query ${leaked.id} also appears in the training split.`);
  }
}

/** Case and spacing do not make a different query. */
export function normalizeQuery(query: string): string {
  return query.toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** Validates a parsed fixture: shape, labels agreeing with families, unique ids, no test query in train. */
export function parseToolChoiceDataset(json: unknown): ToolChoiceDataset {
  const dataset = Dataset.parse(json);
  checkConsistency(dataset);
  return dataset;
}

/** Reads and validates the labelled query set from a JSON file. */
export async function loadToolChoiceDataset(file = DEFAULT_TOOL_CHOICE_FIXTURE): Promise<ToolChoiceDataset> {
  return parseToolChoiceDataset(JSON.parse(await readFile(file, 'utf8')));
}
