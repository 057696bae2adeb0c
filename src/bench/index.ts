/** The benchmark suite: synthetic corpus, in-process weave timings, server start time, reports. */
export { syntheticCorpus, syntheticQueries } from './corpus.js';
export { runEmbedderBench, type EmbedderBenchResult } from './embedder-bench.js';
export { formatEmbedderReport, formatReport } from './report.js';
export { runStartupBench } from './startup-bench.js';
export { dropTenant, neo4jEnvironment } from './neo4j-target.js';
export { percentile, summarize, type LatencyStats } from './stats.js';
export { runWeaveBench, type WeaveBenchOptions, type WeaveBenchResult } from './weave-bench.js';
export {
  evaluateEmbedder,
  formatRetrievalScores,
  loadRetrievalFixture,
  type RetrievalFixture,
  type RetrievalScore,
} from './retrieval-eval.js';
