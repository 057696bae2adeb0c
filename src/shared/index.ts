/** Tiny pure primitives shared by every module. */
export {
  AppError,
  BadInputError,
  NotFoundError,
  TimeoutError,
  toAppError,
  type ErrorCode,
} from './app-error.js';
export { assertNever } from './assert-never.js';
export { systemClock, type Clock } from './clock.js';
export { createSeededRng, mathRandomRng, type Rng } from './rng.js';
export { cosine, dot, norm, normalize, truncateNormalize, type Vector } from './vector.js';
export { newId } from './ids.js';
export { MOTIF_NAMES, TOOL_NAMES, type MotifName, type ToolName } from './vocabulary.js';
export { fitPca, fitPcaSteps, gaussian, orthonormalizeColumns, projectPca, type PcaBasis } from './pca.js';
export { collectGarbageSoon, limitHeapGrowth, MAX_HEAP_GROWTH_PERCENT } from './v8-heap.js';
