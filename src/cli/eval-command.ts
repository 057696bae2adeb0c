import { writeFile } from 'node:fs/promises';

import { evaluateEmbedder, formatRetrievalScores, loadRetrievalFixture, type RetrievalScore } from '../bench/index.js';
import { loadConfig } from '../config/index.js';
import { createHashingEmbedder, createOnnxEmbedder, modelPresent } from '../embedding/index.js';

export interface EvalFlags {
  readonly fixture: string;
  readonly modelDir?: string;
  readonly json?: string;
}

/** `hololoom eval`: recall@1/@5 and MRR of each embedder, projection and scale on the fixture. */
export async function evalCommand(flags: EvalFlags): Promise<void> {
  const fixture = await loadRetrievalFixture(flags.fixture);
  const modelDir = flags.modelDir ?? loadConfig().modelDir;
  process.stdout.write(`${fixture.memories.length} memories, ${fixture.queries.length} paraphrased queries\n`);
  const embedders = [createHashingEmbedder()];
  if (modelPresent(modelDir)) {
    embedders.push(createOnnxEmbedder({ modelDir }));
    if (modelPresent(modelDir, 'model_int8.onnx')) {
      embedders.push(createOnnxEmbedder({ modelDir, modelFile: 'model_int8.onnx', name: 'onnx-int8' }));
    }
  } else {
    process.stdout.write(`No model in ${modelDir}; evaluating the hashing embedder only.\n`);
  }
  const scores: RetrievalScore[] = [];
  for (const embedder of embedders) {
    scores.push(...(await evaluateEmbedder(fixture, embedder)));
    await embedder.close?.();
  }
  process.stdout.write(`${formatRetrievalScores(scores)}\n`);
  if (flags.json !== undefined) {
    await writeFile(flags.json, `${JSON.stringify(scores, null, 2)}\n`);
  }
}
