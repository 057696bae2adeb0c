/** The benchmark suite: synthetic corpus, in-process weave timings, HTTP load, server start, reports, regression checks. */
export { BARE_QUERY, BARE_READY_MESSAGE, startBareServer, type BareServer } from './bare-server.js';
export { syntheticCorpus, syntheticQueries } from './corpus.js';
export { runEmbedderBench, type EmbedderBenchResult } from './embedder-bench.js';
export { runHttpBench, SCENARIOS, type HttpBenchOptions } from './http-bench.js';
export { childProcessTargets, inProcessTargets, type ChildEntries, type HttpTarget, type HttpTargets } from './http-targets.js';
export { runLoad, type LoadResult, type LoadScenario, type LoadSettings } from './load.js';
export { dropTenant, neo4jEnvironment } from './neo4j-target.js';
export { defineBenchCommand, toBenchOptions, type BenchFlags, type BenchOptions } from './options.js';
export { createBenchProgress, silentProgress, type BenchProgress } from './progress.js';
export {
  compareRuns,
  figuresOf,
  formatComparison,
  hasRegression,
  parseBenchRun,
  settingsMismatch,
  type ComparableRun,
  type Comparison,
  type ComparisonStatus,
  type CompareOptions,
  type Figure,
} from './regression.js';
export { formatEmbedderReport, formatHttpReport, formatReport, formatWeaveTable, formatWinners } from './report.js';
export {
  BENCH_RESULTS_VERSION,
  buildBenchRun,
  pickWinners,
  type BenchMode,
  type BenchRun,
  type BenchRunParts,
  type BenchSettings,
  type CacheChoice,
  type HttpFigures,
  type HttpScenarioResult,
  type IngestFigures,
  type WeaveRow,
  type Winners,
} from './results.js';
export { processRssMb, readyUrlOf, SERVER_NODE_FLAGS, spawnServer, type ChildServer } from './server-process.js';
export { HOLOLOOM_READY_MESSAGE, runStartupBench } from './startup-bench.js';
export { runSubscriberBench, type SubscriberBenchOptions, type SubscriberBenchResult } from './subscriber-bench.js';
export { percentile, summarize, type LatencyStats } from './stats.js';
export { formatTable, type Column } from './table.js';
export { runWeaveBench, weaveRowName, type WeaveBenchOptions, type WeaveBenchResult } from './weave-bench.js';
export {
  evaluateEmbedder,
  formatRetrievalScores,
  loadRetrievalFixture,
  type RetrievalFixture,
  type RetrievalScore,
} from './retrieval-eval.js';
