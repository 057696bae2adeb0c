import { TOOL_NAMES, type ToolName } from '../shared/index.js';

import { createAnswerTool } from './answer.js';
import { createCalcTool } from './calc.js';
import { createGraphQueryTool } from './graph-query.js';
import { createNoteTool } from './note.js';
import { createSearchTool } from './search.js';
import type { Tool } from './types.js';

// A Record keyed by ToolName makes a tool missing from the vocabulary a compile error.
const FACTORIES: Readonly<Record<ToolName, () => Tool>> = {
  ANSWER: createAnswerTool,
  SEARCH: createSearchTool,
  CALC: createCalcTool,
  NOTE: createNoteTool,
  GRAPH_QUERY: createGraphQueryTool,
};

/** One instance of every tool, keyed by name in TOOL_NAMES order. */
export function createToolbox(): ReadonlyMap<ToolName, Tool> {
  return new Map(TOOL_NAMES.map((name) => [name, FACTORIES[name]()]));
}
