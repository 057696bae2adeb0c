import { createOnnxEmbedder } from '../embedding/index.js';
import { createSeededRng } from '../shared/index.js';

import { syntheticCorpus, syntheticQueries } from './corpus.js';
import { summarize, type LatencyStats } from './stats.js';

/** Speed and memory of the ONNX embedder on its own, without caches in front. */
export interface EmbedderBenchResult {
  readonly model: string;
  readonly loadMs: number;
  readonly singleQuery: LatencyStats;
  readonly batchedPerSecond: number;
  readonly rssMb: number;
}

const rssMb = (): number => process.memoryUsage().rss / 1_048_576;

/**
 * Load time, single short-query latency (the weave path) and batched throughput (the ingest
 * path), plus how much RSS the loaded model and its buffers add to the process.
 */
export async function runEmbedderBench(modelDir: string, modelFile = 'model.onnx'): Promise<EmbedderBenchResult> {
  const before = rssMb();
  const embedder = createOnnxEmbedder({ modelDir, modelFile, name: modelFile });
  try {
    const loadStart = performance.now();
    await embedder.embed(['warm up']);
    const loadMs = performance.now() - loadStart;
    const queries = syntheticQueries(200, createSeededRng(3));
    const samples: number[] = [];
    for (const query of queries) {
      const t0 = performance.now();
      await embedder.embed([query]);
      samples.push(performance.now() - t0);
    }
    const corpus = syntheticCorpus(2_000, createSeededRng(4)).map((memory) => memory.text);
    const batchStart = performance.now();
    await embedder.embed(corpus);
    const batchedPerSecond = corpus.length / ((performance.now() - batchStart) / 1000);
    return { model: modelFile, loadMs, singleQuery: summarize(samples), batchedPerSecond, rssMb: rssMb() - before };
  } finally {
    await embedder.close?.();
  }
}
