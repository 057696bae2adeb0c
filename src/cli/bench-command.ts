import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { formatReport, runStartupBench, runWeaveBench } from '../bench/index.js';

interface BenchFlags {
  readonly memories: string;
  readonly queries: string;
  readonly modes: 'all' | 'bare' | 'fast' | 'fused';
  readonly embedder: 'auto' | 'onnx' | 'hashing';
  readonly starts: string;
  readonly json?: string;
}

const MODES = { all: ['BARE', 'FAST', 'FUSED'], bare: ['BARE'], fast: ['FAST'], fused: ['FUSED'] } as const;

/** `hololoom bench`: prints a table; `--json` writes the numbers for CI or the README. */
export async function benchCommand(flags: BenchFlags): Promise<void> {
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
    await writeFile(flags.json, `${JSON.stringify({ ...result, startup }, null, 2)}\n`);
  }
}
