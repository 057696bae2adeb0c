import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { formatEmbedderReport, formatReport, runEmbedderBench, runStartupBench, runWeaveBench, type EmbedderBenchResult } from '../bench/index.js';
import { loadConfig } from '../config/index.js';
import { modelPresent } from '../embedding/index.js';

interface BenchFlags {
  readonly memories: string;
  readonly queries: string;
  readonly modes: 'all' | 'bare' | 'fast' | 'fused';
  readonly embedder: 'auto' | 'onnx' | 'hashing';
  readonly starts: string;
  readonly json?: string;
}

const MODES = { all: ['BARE', 'FAST', 'FUSED'], bare: ['BARE'], fast: ['FAST'], fused: ['FUSED'] } as const;

/** The ONNX model on its own (fp32 and, when present, int8), before the weave benchmark. */
async function embedderSection(modelDir: string): Promise<EmbedderBenchResult[]> {
  if (!modelPresent(modelDir)) {
    return [];
  }
  const results = [await runEmbedderBench(modelDir)];
  if (existsSync(join(modelDir, 'model_int8.onnx'))) {
    results.push(await runEmbedderBench(modelDir, 'model_int8.onnx'));
  }
  results.forEach((result) => process.stdout.write(`${formatEmbedderReport(result)}\n`));
  return results;
}

/** `hololoom bench`: prints tables; `--json` writes the numbers for CI or the README. */
export async function benchCommand(flags: BenchFlags): Promise<void> {
  const embedders = flags.embedder === 'hashing' ? [] : await embedderSection(loadConfig().modelDir);
  const result = await runWeaveBench({
    memories: Number(flags.memories),
    queries: Number(flags.queries),
    modes: MODES[flags.modes],
    embedder: flags.embedder,
  });
  const starts = Number(flags.starts);
  const entry = fileURLToPath(new URL('../main.js', import.meta.url));
  const startup = starts > 0 ? await runStartupBench(entry, starts) : null;
  process.stdout.write(`${formatReport(result, startup)}\n`);
  if (flags.json !== undefined) {
    await writeFile(flags.json, `${JSON.stringify({ embedders, ...result, startup }, null, 2)}\n`);
  }
}
