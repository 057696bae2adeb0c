import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** sentence-transformers truncates all-MiniLM-L6-v2 inputs at 256 word pieces. */
const DEFAULT_MAX_SEQUENCE = 256;

/** What the embedder reads from a model folder besides the ONNX graph. */
export interface ModelFiles {
  readonly tokenizerJson: object;
  readonly tokenizerConfig: object;
  /** Longest input in word pieces, special tokens included. */
  readonly maxSequenceLength: number;
}

/** True when the folder holds a model the ONNX embedder can load (`modelFile` in place of model.onnx). */
export function modelPresent(modelDir: string, modelFile = 'model.onnx'): boolean {
  return [modelFile, 'tokenizer.json'].every((file) => existsSync(join(modelDir, file)));
}

async function readJson(path: string): Promise<Record<string, unknown> | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
}

/**
 * Max length as sentence-transformers sees it: `sentence_bert_config.json`'s max_seq_length,
 * else the tokenizer's model_max_length, else 256.
 */
function maxSequenceOf(...configs: (Record<string, unknown> | undefined)[]): number {
  for (const [config, key] of configs.flatMap((c) => [[c, 'max_seq_length'], [c, 'model_max_length']] as const)) {
    const value = config?.[key];
    if (typeof value === 'number' && Number.isInteger(value) && value > 2 && value <= 8192) {
      return value;
    }
  }
  return DEFAULT_MAX_SEQUENCE;
}

/** Reads the tokenizer and sequence-length settings of a model folder. */
export async function readModelFiles(modelDir: string): Promise<ModelFiles> {
  const tokenizerJson = await readJson(join(modelDir, 'tokenizer.json'));
  if (tokenizerJson === undefined) {
    throw new Error(`No tokenizer.json in ${modelDir}; run \`npm run model:setup\` or \`hololoom model pull\`.`);
  }
  const tokenizerConfig = (await readJson(join(modelDir, 'tokenizer_config.json'))) ?? {};
  const sentenceConfig = await readJson(join(modelDir, 'sentence_bert_config.json'));
  return { tokenizerJson, tokenizerConfig, maxSequenceLength: maxSequenceOf(sentenceConfig, tokenizerConfig) };
}
