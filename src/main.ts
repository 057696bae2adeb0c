import 'reflect-metadata';

import { createApp } from './app/index.js';
import { ConfigError, loadConfig } from './config/index.js';
import { createLogger } from './observability/index.js';
import { startServer } from './server/index.js';

/** Loads config, wires the app, serves it, and drains cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const startMs = performance.now();
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  const app = await createApp(config, { logger });
  const server = await startServer({
    schema: app.schema,
    createContext: app.createContext,
    host: config.host,
    port: config.port,
    logger,
    production: config.production,
    readiness: () => app.readiness(),
  });
  logger.info({ url: server.url, startupMs: Math.round(performance.now() - startMs), dataDir: config.dataDir }, 'HoloLoom ready');
  const shutdown = (signal: string): void => {
    logger.info({ signal }, 'shutting down');
    void server
      .close()
      .then(() => app.dispose())
      .then(() => process.exit(0), (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`HoloLoom failed to start: ${message}\n`);
  process.exit(1);
});
