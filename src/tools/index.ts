/** The tools a weave can run: ANSWER, SEARCH, CALC, NOTE, GRAPH_QUERY. */
/** What every tool receives and returns. */
export type { Tool, ToolContext, ToolResult } from './types.js';
/** Every tool, keyed by name. */
export { createToolbox } from './toolbox.js';
/** ANSWER: extractive answer from recalled sentences, with citations. */
export { createAnswerTool } from './answer.js';
/** SEARCH: numbered list of the recalled memories. */
export { createSearchTool } from './search.js';
/** CALC: arithmetic in the query, evaluated by a restricted mathjs instance. */
export { createCalcTool } from './calc.js';
/** NOTE: stores the query, minus its cue, as a memory. */
export { createNoteTool } from './note.js';
/** GRAPH_QUERY: the entities connected to the one the query names. */
export { createGraphQueryTool } from './graph-query.js';
