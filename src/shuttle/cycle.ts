import type { WeaveStepDefinition } from './weave-state.js';

import { assembleSpacetime } from './steps/assemble-spacetime.js';
import { decide } from './steps/decide.js';
import { executeTool } from './steps/execute-tool.js';
import { extractFeatures } from './steps/extract-features.js';
import { reflect } from './steps/reflect.js';
import { retrieve } from './steps/retrieve.js';
import { selectPattern } from './steps/select-pattern.js';
import { chooseWindow } from './steps/temporal-window.js';
import { warp } from './steps/warp.js';

/** The weave cycle, in order. */
export const WEAVE_STEPS: readonly WeaveStepDefinition[] = [
  selectPattern,
  chooseWindow,
  retrieve,
  extractFeatures,
  warp,
  decide,
  executeTool,
  assembleSpacetime,
  reflect,
];

export { attend } from './steps/warp.js';
