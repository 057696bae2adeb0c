import type { Config } from '../config/index.js';
import { createDepthLimitRule, createRootFieldLimitRule } from '../graphql/index.js';
import { startServer, type RunningServer } from '../server/index.js';

import { createApp, type App, type CreateAppOptions } from './create-app.js';

/** Deepest selection a client may send; the schema's own nesting needs 6. */
export const MAX_QUERY_DEPTH = 12;
/** Top-level fields (aliases included) one operation may select. */
export const MAX_ROOT_FIELDS = 20;

/** A running HoloLoom: the app and the server in front of it. */
export interface Serving {
  readonly app: App;
  readonly server: RunningServer;
  /** Drains the server, then closes the stores. */
  close(): Promise<void>;
}

/** Wires the app and serves it; `main.ts` and the end-to-end tests share this path. */
export async function serve(config: Config, options: CreateAppOptions): Promise<Serving> {
  const app = await createApp(config, options);
  const server = await startServer({
    schema: app.schema,
    interpretedRootFields: app.interpretedRootFields,
    createContext: app.createContext,
    host: config.host,
    port: config.port,
    logger: options.logger,
    production: config.production,
    readiness: () => app.readiness(),
    validationRules: [createDepthLimitRule(MAX_QUERY_DEPTH), createRootFieldLimitRule(MAX_ROOT_FIELDS)],
    telemetry: {
      operation: (report) => app.telemetry.recordOperation(report),
      // Each scrape re-checks the backends, so hololoom_backend_status is current.
      exposition: async () => {
        await app.readiness();
        return app.telemetry.exposition();
      },
    },
  });
  app.telemetry.collector.setConnections(() => server.connections());
  app.warmUp().catch((error: unknown) => {
    options.logger.warn({ err: error }, 'warm-up failed; the first weave will load what it needs');
  });
  return {
    app,
    server,
    close: async () => {
      await server.close();
      await app.dispose();
    },
  };
}
