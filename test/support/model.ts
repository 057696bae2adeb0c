import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

import { modelPresent } from '../../src/embedding/index.js';

/** The model folder tests use: HOLOLOOM_MODEL_DIR, else the one `npm run model:setup` fills. */
export const MODEL_DIR = resolve(process.env['HOLOLOOM_MODEL_DIR'] ?? 'models/all-MiniLM-L6-v2');

/** The Python that `scripts/model/setup.sh` installed the reference tools into. */
export const REFERENCE_PYTHON = resolve('.cache/model-venv/bin/python');

/**
 * Whether the model suites run. In CI they must: a missing model there is an error, not a skip.
 */
export function modelSuitesEnabled(): boolean {
  const present = modelPresent(MODEL_DIR) && existsSync(REFERENCE_PYTHON);
  if (!present && process.env['CI'] === 'true') {
    throw new Error(`CI needs the ONNX model in ${MODEL_DIR}; \`npm test\` runs \`npm run model:setup\` first.`);
  }
  return present;
}
