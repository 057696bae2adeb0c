/** Hierarchical timing spans per async flow (a weave's spans are its trace). */
export {
  createProfiler,
  type Profiler,
  type ProfilerOptions,
  type ProfileSpan,
  type SpanDetail,
  type Traced,
} from './profiler.js';
/** The RSS in bytes, read cheaply (statm on Linux). */
export { residentBytes } from './resident-memory.js';
