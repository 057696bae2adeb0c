/** Embedder port, the hashing fallback, the cache decorator and Matryoshka scales. */
export { createBatchingEmbedder, MAX_EMBED_BATCH } from './batching-embedder.js';
export { createCachedEmbedder, type CachedEmbedder } from './cached-embedder.js';
export { createHashingEmbedder, hashEmbed, wordTokens } from './hashing-embedder.js';
export { MATRYOSHKA_SCALES, type Embedder, type MatryoshkaScale } from './types.js';
export { createOnnxEmbedder, type OnnxEmbedderOptions } from './onnx/onnx-embedder.js';
export { modelPresent } from './onnx/model-files.js';
export {
  pcaProjection,
  seededOrthonormalProjection,
  truncation,
  type ScaleProjection,
} from './matryoshka.js';
