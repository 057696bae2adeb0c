import { TOOL_NAMES, type ToolName } from '../../shared/index.js';

/**
 * Action index of each tool. Spelled out rather than derived from TOOL_NAMES: a trained policy's
 * output units mean these tools in this order, so reordering the shared vocabulary must not
 * silently remap them. A new tool is a compile error here and a new ENCODING_VERSION.
 */
export const TOOL_INDEX = {
  ANSWER: 0,
  SEARCH: 1,
  CALC: 2,
  NOTE: 3,
  GRAPH_QUERY: 4,
} as const satisfies Readonly<Record<ToolName, number>>;

/** Number of discrete actions a policy chooses between (5). */
export const ACTION_COUNT = TOOL_NAMES.length;

/** The tools by action index. */
export const ACTIONS: readonly ToolName[] = (Object.keys(TOOL_INDEX) as ToolName[]).sort(
  (a, b) => TOOL_INDEX[a] - TOOL_INDEX[b],
);

/** The tool an action index stands for; throws RangeError outside 0 .. ACTION_COUNT-1. */
export function toolAt(index: number): ToolName {
  const tool = Number.isInteger(index) ? ACTIONS[index] : undefined;
  if (tool === undefined) {
    throw new RangeError(`Action ${index} is not a tool index (0..${ACTION_COUNT - 1}).`);
  }
  return tool;
}
