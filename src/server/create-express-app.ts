import { type ApolloServer, type BaseContext } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express, { type Express, type RequestHandler } from 'express';

import { type ContextFactory } from '../graphql/index.js';
import { type Logger } from '../observability/index.js';
import { createHealthRoutes, type ReadinessCheck } from './health-routes.js';
import { createHttpErrorHandler } from './http-errors.js';
import { createMetricsRoute, type Exposition } from './telemetry.js';

export const GRAPHQL_PATH = '/graphql';

export interface ExpressAppOptions<TContext extends BaseContext> {
  /** A started Apollo server. */
  readonly apollo: ApolloServer<TContext>;
  readonly createContext: ContextFactory<TContext>;
  readonly readiness: ReadinessCheck;
  readonly logger: Logger;
  readonly production: boolean;
  readonly maxBodyBytes: number;
  /** Serves GET /metrics when given. */
  readonly exposition?: () => Promise<Exposition>;
}

/**
 * CORS on the GraphQL route: any origin, as `cors()` allows with its defaults. Preflights go
 * through the cors package; any other request only needs the one header it would add, set here
 * directly: cors's general path (options resolved, headers gathered in arrays) was ~3 µs and
 * ~1 KB of garbage on every request.
 */
function allowAnyOrigin(): RequestHandler {
  const preflight = cors();
  return (request, response, next) => {
    if (request.method === 'OPTIONS') {
      preflight(request, response, next);
      return;
    }
    response.setHeader('Access-Control-Allow-Origin', '*');
    next();
  };
}

/** The HTTP side: health probes, GraphQL over HTTP, and a browser shortcut to Sandbox. */
export function createExpressApp<TContext extends BaseContext>(
  options: ExpressAppOptions<TContext>,
): Express {
  const { apollo, createContext, readiness, logger, production, maxBodyBytes } = options;
  const app = express();
  app.disable('x-powered-by');
  // Express would hash every response body for a weak ETag; GraphQL POST answers are never
  // revalidated with If-None-Match, so the hash would be pure cost on every request.
  app.set('etag', false);
  // GraphQL first: express tries each layer in order, and nearly every request is a GraphQL one.
  app.use(
    GRAPHQL_PATH,
    allowAnyOrigin(),
    express.json({ limit: maxBodyBytes }),
    expressMiddleware(apollo, {
      context: ({ req }) => createContext({ kind: 'http', request: req }),
    }),
  );
  app.use(createHealthRoutes(readiness, logger));
  if (options.exposition !== undefined) {
    app.use(createMetricsRoute(options.exposition));
  }
  if (!production) {
    app.get('/', (_request, response) => {
      response.redirect(GRAPHQL_PATH);
    });
  }
  app.use(createHttpErrorHandler(logger));
  return app;
}
