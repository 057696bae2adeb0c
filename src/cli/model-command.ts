import { createWriteStream } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { loadConfig } from '../config/index.js';

/** The official sentence-transformers repository on the Hugging Face Hub. */
const HUB = 'https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2/resolve/main';

/** Remote path → local file name. */
const FILES: readonly (readonly [string, string])[] = [
  ['onnx/model.onnx', 'model.onnx'],
  ['tokenizer.json', 'tokenizer.json'],
  ['tokenizer_config.json', 'tokenizer_config.json'],
  ['special_tokens_map.json', 'special_tokens_map.json'],
  ['sentence_bert_config.json', 'sentence_bert_config.json'],
  ['config.json', 'config.json'],
];

export interface PullFlags {
  readonly modelDir?: string;
}

async function download(url: string, target: string): Promise<number> {
  const response = await fetch(url).catch((error: unknown) => {
    throw new Error(`Could not reach ${new URL(url).host} (${error instanceof Error ? error.message : String(error)}); \`npm run model:setup\` builds the model from PyPI instead.`);
  });
  if (!response.ok || response.body === null) {
    throw new Error(`GET ${url} answered ${response.status}.`);
  }
  const partial = `${target}.partial`;
  await pipeline(Readable.fromWeb(response.body), createWriteStream(partial));
  // Rename last, so an interrupted download never looks like a model.
  await rename(partial, target);
  return Number(response.headers.get('content-length') ?? 0);
}

/** `hololoom model pull`: downloads the official ONNX export (needs internet access). */
export async function modelPullCommand(flags: PullFlags): Promise<void> {
  const modelDir = flags.modelDir ?? loadConfig().modelDir;
  await mkdir(modelDir, { recursive: true });
  for (const [remote, local] of FILES) {
    process.stdout.write(`model: ${remote} … `);
    const bytes = await download(`${HUB}/${remote}`, join(modelDir, local));
    process.stdout.write(`${(bytes / 1_048_576).toFixed(1)} MB\n`);
  }
  process.stdout.write(`model: all-MiniLM-L6-v2 is in ${modelDir}; HOLOLOOM_EMBEDDER=auto will use it.\n`);
  // `npm test` rebuilds the folder from PyPI: its parity test needs the verified local build.
}
