import 'reflect-metadata';

import { serve } from './app/index.js';
import { ConfigError, loadConfig } from './config/index.js';
import { createLogger } from './observability/index.js';
import { limitHeapGrowth } from './shared/index.js';

/** Loads config, serves the app, and drains cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const startMs = performance.now();
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  // Process-wide, so the entry point sets it rather than serve(), which tests embed.
  limitHeapGrowth(config.heapGrowthPercent);
  const serving = await serve(config, { logger });
  logger.info(
    { url: serving.server.url, startupMs: Math.round(performance.now() - startMs), dataDir: config.dataDir, heapGrowthPercent: config.heapGrowthPercent },
    'HoloLoom ready',
  );
  const shutdown = (signal: string): void => {
    logger.info({ signal }, 'shutting down');
    serving.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`HoloLoom failed to start: ${message}\n`);
  process.exit(1);
});
