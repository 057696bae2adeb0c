import { createHashingEmbedder, createOnnxEmbedder } from '../../src/embedding/index.js';
import { MODEL_DIR, modelSuitesEnabled } from '../support/model.js';

import { describeEmbedderContract } from './embedder.contract.js';

describeEmbedderContract('hashing', () => createHashingEmbedder(), { semantic: false });

if (modelSuitesEnabled()) {
  describeEmbedderContract('onnx all-MiniLM-L6-v2', () => createOnnxEmbedder({ modelDir: MODEL_DIR }), { semantic: true });
}
