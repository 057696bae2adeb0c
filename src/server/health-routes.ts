import { Router } from 'express';

import { type Logger } from '../observability/index.js';

/** Whether every configured backend answers, and which ones do not. */
export interface Readiness {
  readonly ready: boolean;
  readonly failing: readonly string[];
}

/** Probes the backends; the server calls it once per GET /readyz. */
export type ReadinessCheck = () => Promise<Readiness>;

/** Liveness (`/healthz`, never touches a backend) and readiness (`/readyz`). */
export function createHealthRoutes(readiness: ReadinessCheck, logger: Logger): Router {
  const router = Router();
  router.get('/healthz', (_request, response) => {
    response.status(200).json({ status: 'ok' });
  });
  router.get('/readyz', async (_request, response) => {
    const { ready, failing } = await checkReadiness(readiness, logger);
    if (ready) {
      response.status(200).json({ status: 'ready' });
    } else {
      response.status(503).json({ status: 'unavailable', failing });
    }
  });
  return router;
}

async function checkReadiness(readiness: ReadinessCheck, logger: Logger): Promise<Readiness> {
  try {
    return await readiness();
  } catch (error) {
    // A probe that throws is itself a failing dependency, not a crashed endpoint.
    logger.error({ err: error }, 'readiness check threw');
    return { ready: false, failing: ['readiness-check'] };
  }
}
