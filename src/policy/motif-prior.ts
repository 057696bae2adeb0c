import { TOOL_NAMES, type MotifName, type ToolName } from '../shared/index.js';

import type { PolicyInput, ScoredMotif, ToolProbabilities } from './types.js';

type Logits = Partial<Record<ToolName, number>>;

/** Before any motif fires, a query is most likely a question to answer from memory. */
const BASE_LOGITS: Logits = { ANSWER: 1, SEARCH: 0.3 };

/**
 * How much each motif pushes each tool, in logits. Strong cues (arithmetic, remember,
 * relation lookup, listing) outweigh the generic "question" push, so an untrained server
 * already routes "What is 17 * 23?" to CALC and "What is connected to X?" to GRAPH_QUERY.
 */
const MOTIF_LOGITS: Record<MotifName, Logits> = {
  question: { ANSWER: 1.5 },
  definition: { ANSWER: 1.5 },
  comparison: { ANSWER: 1, SEARCH: 0.8 },
  'cause-effect': { ANSWER: 1.2 },
  condition: { ANSWER: 0.8 },
  arithmetic: { CALC: 5 },
  remember: { NOTE: 5.5 },
  command: { SEARCH: 0.5 },
  listing: { SEARCH: 3 },
  'relation-lookup': { GRAPH_QUERY: 5 },
  temporal: { ANSWER: 0.3, SEARCH: 0.3 },
  greeting: { ANSWER: 0.5 },
};

/** Order in which a motif claims the bucket: the most tool-specific cue wins. */
const BUCKET_PRIORITY: readonly MotifName[] = [
  'arithmetic',
  'remember',
  'relation-lookup',
  'listing',
  'comparison',
  'cause-effect',
  'definition',
  'condition',
  'question',
  'temporal',
  'command',
  'greeting',
];

function softmax(logits: readonly number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((value) => Math.exp(value - max));
  const total = exps.reduce((sum, value) => sum + value, 0);
  return exps.map((value) => value / total);
}

function logitFor(tool: ToolName, motifs: readonly ScoredMotif[]): number {
  const base = BASE_LOGITS[tool] ?? 0;
  return motifs.reduce((sum, motif) => sum + motif.score * (MOTIF_LOGITS[motif.name][tool] ?? 0), base);
}

/** Softmax over motif-weighted logits: the routing an untrained server starts from. */
export function motifPriorProbabilities(motifs: readonly ScoredMotif[]): Record<ToolName, number> {
  const probabilities = softmax(TOOL_NAMES.map((tool) => logitFor(tool, motifs)));
  return Object.fromEntries(TOOL_NAMES.map((tool, i) => [tool, probabilities[i] ?? 0])) as Record<ToolName, number>;
}

/** The bucket a query's outcomes are learned in: its most tool-specific motif, or `none`. */
export function bucketFor(motifs: readonly ScoredMotif[]): string {
  const names = new Set(motifs.map((motif) => motif.name));
  return BUCKET_PRIORITY.find((name) => names.has(name)) ?? 'none';
}

/** The motif prior as a ToolProbabilities source. */
export const motifPrior: ToolProbabilities = {
  name: 'motif-prior',
  probabilities: (input: PolicyInput) => motifPriorProbabilities(input.motifs),
};
