import { join } from 'node:path';

import * as ort from 'onnxruntime-node';

import type { Vector } from '../../shared/index.js';
import type { Embedder } from '../types.js';

import { lengthBuckets, padBatch } from './batch-tensors.js';
import { meanPool } from './mean-pooling.js';
import { readModelFiles } from './model-files.js';
import { createWordPieceTokenizer, type TextTokenizer } from './wordpiece-tokenizer.js';

const DIMENSIONS = 384;

export interface OnnxEmbedderOptions {
  /** Folder with model.onnx (or `modelFile`), tokenizer.json and the sentence-transformers configs. */
  readonly modelDir: string;
  /** @default 'model.onnx' */
  readonly modelFile?: string;
  /** Texts run through the model at once; larger calls are split into length-sorted batches. @default 32 */
  readonly maxBatch?: number;
  /**
   * Padded tokens per batch (rows × longest). onnxruntime's arena keeps the largest working set
   * it has needed, which grows with this. Measured on 2 cores: 4,096 tokens added 310 MB for no
   * speed-up; 512 added ~200 MB; 256 adds ~185 MB at 7% less batched throughput. @default 256
   */
  readonly maxBatchTokens?: number;
  /** onnxruntime intra-op threads. @default 2 (the target machine's cores) */
  readonly threads?: number;
  /** Name shown in health output. @default 'onnx:<folder name>' */
  readonly name?: string;
}

interface Loaded {
  readonly session: ort.InferenceSession;
  readonly tokenizer: TextTokenizer;
}

function tensor(data: BigInt64Array, rows: number, seq: number): ort.Tensor {
  return new ort.Tensor('int64', data, [rows, seq]);
}

async function runBatch({ session }: Loaded, sequences: readonly number[][]): Promise<Vector[]> {
  const batch = padBatch(sequences);
  const rows = sequences.length;
  const output = await session.run({
    input_ids: tensor(batch.inputIds, rows, batch.seq),
    attention_mask: tensor(batch.attentionMask, rows, batch.seq),
    token_type_ids: tensor(batch.tokenTypeIds, rows, batch.seq),
  });
  const hidden = output['last_hidden_state'];
  if (hidden === undefined || !(hidden.data instanceof Float32Array)) {
    throw new Error('The ONNX model has no float32 "last_hidden_state" output.');
  }
  if (hidden.dims.length !== 3 || hidden.dims[2] !== DIMENSIONS) {
    throw new Error(`The ONNX model returns [${hidden.dims.join(', ')}]; this embedder needs [batch, seq, ${DIMENSIONS}].`);
  }
  return meanPool(hidden.data, batch.lengths, batch.seq, DIMENSIONS);
}

async function load(options: OnnxEmbedderOptions): Promise<Loaded> {
  const files = await readModelFiles(options.modelDir);
  const session = await ort.InferenceSession.create(join(options.modelDir, options.modelFile ?? 'model.onnx'), {
    intraOpNumThreads: options.threads ?? 2,
    graphOptimizationLevel: 'all',
  });
  return { session, tokenizer: createWordPieceTokenizer(files) };
}

/**
 * Sentence embeddings from an ONNX transformer (all-MiniLM-L6-v2 by default): WordPiece
 * tokens, one session run per length-sorted batch padded to its own longest text, attention-
 * masked mean pooling, L2 norm. The model loads on the first call, so start-up stays fast.
 */
export function createOnnxEmbedder(options: OnnxEmbedderOptions): Embedder {
  let loading: Promise<Loaded> | undefined;
  const maxBatch = options.maxBatch ?? 32;
  const maxBatchTokens = options.maxBatchTokens ?? 256;
  return {
    name: options.name ?? `onnx:${options.modelDir.split(/[\\/]/).filter(Boolean).at(-1) ?? 'model'}`,
    dimensions: DIMENSIONS,
    kind: 'semantic',
    async embed(texts) {
      // A failed load is not cached: the next call tries again (e.g. after `npm run model:setup`).
      loading ??= load(options).catch((error: unknown) => {
        loading = undefined;
        throw error;
      });
      const loaded = await loading;
      const sequences = texts.map((text) => loaded.tokenizer.encode(text));
      const out = new Array<Vector>(texts.length);
      for (const indices of lengthBuckets(sequences.map((ids) => ids.length), maxBatch, maxBatchTokens)) {
        const vectors = await runBatch(loaded, indices.map((i) => sequences[i] ?? []));
        indices.forEach((index, j) => (out[index] = vectors[j] ?? new Float32Array(DIMENSIONS)));
      }
      return out;
    },
    async close() {
      const loaded = await loading?.catch(() => undefined);
      await loaded?.session.release();
    },
  };
}
