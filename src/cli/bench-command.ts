import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import {
  buildBenchRun,
  childProcessTargets,
  compareRuns,
  createBenchProgress,
  dropTenant,
  formatComparison,
  formatEmbedderReport,
  formatReport,
  hasRegression,
  neo4jEnvironment,
  parseBenchRun,
  runEmbedderBench,
  runHttpBench,
  runStartupBench,
  runWeaveBench,
  settingsMismatch,
  toBenchOptions,
  type BenchFlags,
  type BenchOptions,
  type BenchRun,
  type EmbedderBenchResult,
} from '../bench/index.js';
import { loadConfig } from '../config/index.js';
import { modelPresent } from '../embedding/index.js';
import { createGraphDb } from '../graphdb/index.js';
import { newId } from '../shared/index.js';

export { defineBenchCommand } from '../bench/index.js';

/** Runs the embedder benchmark in a fresh process per model file, so each RSS figure is its own. */
async function benchInChild(modelDir: string, modelFile: string): Promise<EmbedderBenchResult> {
  const entry = fileURLToPath(new URL('./main.js', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [entry, 'bench-embedder', '--model-dir', modelDir, '--model-file', modelFile], {
    maxBuffer: 1_048_576,
  });
  return JSON.parse(stdout) as EmbedderBenchResult;
}

/** The ONNX model on its own (fp32 and, when present, int8), before the weave benchmark. */
async function embedderSection(modelDir: string): Promise<EmbedderBenchResult[]> {
  const files = ['model.onnx', 'model_int8.onnx'].filter((file) => existsSync(join(modelDir, file)));
  const results: EmbedderBenchResult[] = [];
  for (const file of modelPresent(modelDir) ? files : []) {
    const result = await benchInChild(modelDir, file);
    process.stdout.write(`${formatEmbedderReport(result)}\n`);
    results.push(result);
  }
  return results;
}

/** `hololoom bench-embedder`: one model file's figures as JSON (run by `bench` in a child). */
export async function benchEmbedderCommand(flags: { readonly modelDir?: string; readonly modelFile: string }): Promise<void> {
  const result = await runEmbedderBench(flags.modelDir ?? loadConfig().modelDir, flags.modelFile);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

const neo4jEnv = (options: BenchOptions): Record<string, string> => (options.backend === 'neo4j' ? { HOLOLOOM_BACKEND: 'neo4j', ...neo4jEnvironment() } : {});

/** Ingest, weave rows, recall in this process; then the built server's cold starts. */
async function inProcessRun(options: BenchOptions): Promise<BenchRun> {
  const embedders = options.embedder === 'hashing' ? [] : await embedderSection(loadConfig().modelDir);
  const progress = createBenchProgress();
  const result = await runWeaveBench({ ...options, progress }).finally(() => progress.stop());
  const entry = fileURLToPath(new URL('../main.js', import.meta.url));
  const startup = options.starts > 0 ? await runStartupBench(entry, options.starts, neo4jEnv(options)) : null;
  const { projection, memories, queries, cache } = options;
  const settings = { backend: result.backend, embedder: result.embedder, projection, memories, queries, cache, http: false };
  return buildBenchRun({ settings, ingest: result.ingest, rows: result.rows, recall: result.recall, startup, embedders });
}

/** Deletes what an HTTP run stored in a shared Neo4j under its own tenant. */
async function dropNeo4jTenant(tenant: string): Promise<void> {
  const settings = loadConfig({ HOLOLOOM_BACKEND: 'neo4j', ...neo4jEnvironment() }).neo4j;
  if (settings === null) {
    return;
  }
  const db = createGraphDb(settings);
  try {
    await dropTenant(db, tenant);
  } finally {
    await db.close();
  }
}

/** The built server and a bare Apollo server, each in a child process, loaded by autocannon from this one. */
async function httpRun(options: BenchOptions): Promise<BenchRun> {
  const targets = childProcessTargets({
    holoLoom: fileURLToPath(new URL('../main.js', import.meta.url)),
    bare: fileURLToPath(new URL('../bench/bare-server-main.js', import.meta.url)),
  });
  const env = { HOLOLOOM_EMBEDDER: options.embedder, HOLOLOOM_PROJECTION: options.projection, ...neo4jEnv(options) };
  const tenant = `bench-${newId('run').slice(-12)}`;
  const progress = createBenchProgress();
  try {
    const http = await runHttpBench({ ...options, targets, env, tenant, progress });
    const { backend, embedder, projection, memories } = options;
    return buildBenchRun({ settings: { backend, embedder, projection, memories, queries: null, cache: null, http: true }, http });
  } finally {
    progress.stop();
    if (options.backend === 'neo4j') {
      await dropNeo4jTenant(tenant);
    }
  }
}

/** Prints the comparison with `baselineFile`; a regression sets exit code 1 unless told not to. */
async function checkBaseline(options: BenchOptions & { readonly baselineFile: string }, run: BenchRun): Promise<void> {
  const baseline = parseBenchRun(JSON.parse(await readFile(options.baselineFile, 'utf8')) as unknown);
  const mismatch = settingsMismatch(baseline, run);
  if (mismatch.length > 0) {
    process.stdout.write(`warning: the baseline was taken with other settings (${mismatch.join(', ')}); figures are not like for like\n`);
  }
  const comparisons = compareRuns(baseline, run, { threshold: options.threshold });
  process.stdout.write(`\ncompared with ${options.baselineFile}:\n${formatComparison(comparisons, options.threshold)}\n`);
  if (hasRegression(comparisons) && options.failOnRegression) {
    // exitCode rather than exit(): open handles (a Neo4j driver) still close in order.
    process.exitCode = 1;
  }
}

/** `hololoom bench`: prints the report, always writes the JSON file, and compares with a baseline when given one. */
export async function benchCommand(flags: BenchFlags): Promise<void> {
  const options = toBenchOptions(flags);
  const run = options.http ? await httpRun(options) : await inProcessRun(options);
  process.stdout.write(`${formatReport(run)}\n`);
  await writeFile(options.jsonFile, `${JSON.stringify(run, null, 2)}\n`);
  process.stdout.write(`results written to ${options.jsonFile}\n`);
  if (options.baselineFile !== null) {
    await checkBaseline({ ...options, baselineFile: options.baselineFile }, run);
  }
}
