import { TOOL_NAMES, type ToolName } from '../../shared/index.js';
import { ACTION_COUNT, toolAt } from '../encoding/index.js';

import type { ToolChoiceEnvironment } from './tool-choice.js';

/** A deterministic tool picker: an observation in, an action index out (greedy, no sampling). */
export type ToolChooser = (observation: Float32Array) => number;

export interface SuccessTally {
  readonly correct: number;
  readonly total: number;
  /** correct / total; 0 for an empty group. */
  readonly successRate: number;
}

export interface ToolChoiceEvaluation extends SuccessTally {
  readonly byFamily: Readonly<Record<string, SuccessTally>>;
  /** Grouped by the right tool (recall per tool). */
  readonly byTool: Readonly<Record<ToolName, SuccessTally>>;
  /** How often each tool was chosen. */
  readonly chosen: Readonly<Record<ToolName, number>>;
}

interface Counter {
  correct: number;
  total: number;
}

const toTally = ({ correct, total }: Counter): SuccessTally => ({ correct, total, successRate: total === 0 ? 0 : correct / total });

function bump(groups: Map<string, Counter>, key: string, right: boolean): void {
  const group = groups.get(key) ?? { correct: 0, total: 0 };
  group.total++;
  group.correct += right ? 1 : 0;
  groups.set(key, group);
}

/**
 * Success rate of `choose` over every query of a split, each seen exactly once (not sampled), so
 * two runs of the same chooser agree exactly; the environment's episode state is untouched.
 * Throws when the chooser returns something that is not an action index.
 */
export function evaluateToolChoice(
  { examples }: Pick<ToolChoiceEnvironment, 'examples'>,
  choose: ToolChooser,
): ToolChoiceEvaluation {
  const overall: Counter = { correct: 0, total: 0 };
  const families = new Map<string, Counter>();
  const tools = new Map<string, Counter>();
  const chosen = Object.fromEntries(TOOL_NAMES.map((tool) => [tool, 0])) as Record<ToolName, number>;
  for (const example of examples) {
    const action = choose(Float32Array.from(example.observation));
    if (!Number.isInteger(action) || action < 0 || action >= ACTION_COUNT) {
      throw new RangeError(`The chooser returned ${action} for ${example.id}; expected 0..${ACTION_COUNT - 1}.`);
    }
    const right = action === example.action;
    chosen[toolAt(action)]++;
    overall.total++;
    overall.correct += right ? 1 : 0;
    bump(families, example.family, right);
    bump(tools, example.tool, right);
  }
  return {
    ...toTally(overall),
    byFamily: Object.fromEntries([...families].map(([name, counter]) => [name, toTally(counter)])),
    byTool: Object.fromEntries(TOOL_NAMES.map((tool) => [tool, toTally(tools.get(tool) ?? { correct: 0, total: 0 })])) as Record<
      ToolName,
      SuccessTally
    >,
    chosen,
  };
}
