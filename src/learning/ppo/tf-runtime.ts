import * as tf from '@tensorflow/tfjs';

import type { Logger } from '../../observability/index.js';

/**
 * tfjs prints a console banner ("install our node backend") the first time the pure-JS cpu
 * backend stores a tensor, and routes its other warnings through console too. Production mode
 * is tfjs's documented switch for that output (its only other effect is skipping debug-time
 * checks that are off by default), so it is set when this module loads, before any tensor
 * exists; `initializeTensorflow` reports the backend through the application's logger instead.
 */
tf.enableProdMode();

/** The optional native package; not a dependency, since it cannot be installed everywhere. */
const NATIVE_BACKEND_PACKAGE = '@tensorflow/tfjs-node';
/** The backend name tfjs-node registers. */
const NATIVE_BACKEND_NAME = 'tensorflow';

let initialization: Promise<string> | undefined;

/** Loads tfjs-node when it is installed (it registers its backend on import) and switches to it. */
async function tryNativeBackend(): Promise<boolean> {
  try {
    // A variable specifier keeps TypeScript from requiring the package to exist.
    const specifier: string = NATIVE_BACKEND_PACKAGE;
    await import(specifier);
    return await tf.setBackend(NATIVE_BACKEND_NAME);
  } catch {
    return false;
  }
}

async function chooseBackend(logger: Logger | undefined): Promise<string> {
  if (await tryNativeBackend()) {
    logger?.info({ backend: NATIVE_BACKEND_NAME }, 'tfjs uses the native TensorFlow backend');
    return NATIVE_BACKEND_NAME;
  }
  await tf.setBackend('cpu');
  logger?.info(
    { backend: 'cpu' },
    `tfjs uses its pure-JS cpu backend; installing ${NATIVE_BACKEND_PACKAGE} would make training faster`,
  );
  return 'cpu';
}

/**
 * Picks the fastest available tfjs backend once per process: tfjs-node's native one when that
 * package is installed, else the pure-JS cpu backend. Safe to call repeatedly; later calls
 * return the first call's answer. Networks made before it run on whatever tfjs picked itself.
 */
export function initializeTensorflow(logger?: Logger): Promise<string> {
  initialization ??= chooseBackend(logger);
  return initialization;
}
