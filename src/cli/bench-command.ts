import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import {
  formatEmbedderReport,
  formatReport,
  neo4jEnvironment,
  runEmbedderBench,
  runStartupBench,
  runWeaveBench,
  type EmbedderBenchResult,
} from '../bench/index.js';
import { loadConfig } from '../config/index.js';
import { modelPresent } from '../embedding/index.js';

interface BenchFlags {
  readonly memories: string;
  readonly queries: string;
  readonly modes: 'all' | 'bare' | 'fast' | 'fused';
  readonly embedder: 'auto' | 'onnx' | 'hashing';
  readonly projection: 'truncate' | 'pca';
  readonly backend: 'embedded' | 'neo4j';
  readonly starts: string;
  readonly json?: string;
}

const MODES = { all: ['BARE', 'FAST', 'FUSED'], bare: ['BARE'], fast: ['FAST'], fused: ['FUSED'] } as const;

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

/** `hololoom bench`: prints tables; `--json` writes the numbers for CI or the README. */
export async function benchCommand(flags: BenchFlags): Promise<void> {
  const embedders = flags.embedder === 'hashing' ? [] : await embedderSection(loadConfig().modelDir);
  const result = await runWeaveBench({
    memories: Number(flags.memories),
    queries: Number(flags.queries),
    modes: MODES[flags.modes],
    embedder: flags.embedder,
    projection: flags.projection,
    backend: flags.backend,
  });
  const starts = Number(flags.starts);
  const entry = fileURLToPath(new URL('../main.js', import.meta.url));
  const startup = starts > 0 ? await runStartupBench(entry, starts, flags.backend === 'neo4j' ? { HOLOLOOM_BACKEND: 'neo4j', ...neo4jEnvironment() } : {}) : null;
  process.stdout.write(`${formatReport(result, startup)}\n`);
  if (flags.json !== undefined) {
    await writeFile(flags.json, `${JSON.stringify({ embedders, ...result, startup }, null, 2)}\n`);
  }
}
