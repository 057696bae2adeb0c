/**
 * The words the cycle's modules share. Motifs are produced by `features` and consumed by
 * `policy`; keeping one list makes a mismatch (the original's bug) a compile error.
 */
export const TOOL_NAMES = ['ANSWER', 'SEARCH', 'CALC', 'NOTE', 'GRAPH_QUERY'] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

export const MOTIF_NAMES = [
  'question',
  'definition',
  'comparison',
  'cause-effect',
  'condition',
  'arithmetic',
  'remember',
  'command',
  'listing',
  'relation-lookup',
  'temporal',
  'greeting',
] as const;
export type MotifName = (typeof MOTIF_NAMES)[number];
