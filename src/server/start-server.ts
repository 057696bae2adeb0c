import { createServer } from 'node:http';

import { type ApolloServer } from '@apollo/server';
import { type GraphQLSchema, type ValidationRule } from 'graphql';

import { createFormatError, type ContextFactory } from '../graphql/index.js';
import { type Logger } from '../observability/index.js';
import { createApolloServer } from './create-apollo-server.js';
import { createExpressApp, GRAPHQL_PATH } from './create-express-app.js';
import { createWsServer } from './create-ws-server.js';
import { type ReadinessCheck } from './health-routes.js';
import { listen, originOf } from './listen.js';
import { type ConnectionCounts, type ServerTelemetry } from './telemetry.js';

/** Largest JSON body accepted on /graphql, in bytes. */
export const DEFAULT_MAX_BODY_BYTES = 1_048_576;

export interface StartServerOptions<TContext extends object> {
  /** The executable schema (see `buildGraphqlSchema`). */
  readonly schema: GraphQLSchema;
  /** Builds a fresh context per HTTP request and per WebSocket operation. */
  readonly createContext: ContextFactory<TContext>;
  readonly host: string;
  /** 0 picks a free port; `RunningServer.port` says which. */
  readonly port: number;
  readonly logger: Logger;
  /** Masks unexpected errors, hides stack traces, turns off introspection and Sandbox. */
  readonly production: boolean;
  /** Called per GET /readyz; 503 names `failing`. */
  readonly readiness: ReadinessCheck;
  /** @default 1 MiB (DEFAULT_MAX_BODY_BYTES) */
  readonly maxBodyBytes?: number;
  /** Extra validation rules for HTTP and WebSocket alike (`createDepthLimitRule`). @default [] */
  readonly validationRules?: readonly ValidationRule[];
  /** Operation timings out, /metrics in. @default {} (no /metrics route) */
  readonly telemetry?: ServerTelemetry;
  /** Root fields whose HTTP operations are interpreted by graphql-js, never compiled (see compiledExecutionGateway). @default none */
  readonly interpretedRootFields?: ReadonlySet<string>;
}

/** A listening server. */
export interface RunningServer {
  /** GraphQL over HTTP, e.g. `http://127.0.0.1:4000/graphql`. */
  readonly url: string;
  /** GraphQL over WebSocket, e.g. `ws://127.0.0.1:4000/graphql`. */
  readonly wsUrl: string;
  /** Scheme, host and port, for /healthz and /readyz. */
  readonly origin: string;
  readonly port: number;
  /** Open graphql-ws sockets and their active operations, now. */
  connections(): ConnectionCounts;
  /** Drains HTTP, closes WebSockets, stops listening; a second call returns the same promise. */
  close(): Promise<void>;
}

/** Serves HTTP (Apollo), WebSocket (graphql-ws) and the health probes on one port. */
export async function startServer<TContext extends object>(
  options: StartServerOptions<TContext>,
): Promise<RunningServer> {
  const { host, logger } = options;
  const httpServer = createServer();
  const { apollo, connections } = await startApollo(httpServer, options);
  let port: number;
  try {
    port = await listen(httpServer, host, options.port);
  } catch (error) {
    await apollo.stop();
    throw error;
  }
  const running = runningServer(apollo, { host, port, logger, connections });
  logger.info({ url: running.url, wsUrl: running.wsUrl }, 'listening');
  return running;
}

/** Wires both transports to the HTTP server; Apollo's drain plugins then own their shutdown. */
async function startApollo<TContext extends object>(
  httpServer: ReturnType<typeof createServer>,
  options: StartServerOptions<TContext>,
): Promise<{ apollo: ApolloServer<TContext>; connections: () => ConnectionCounts }> {
  const { schema, createContext, logger, production, readiness } = options;
  const { validationRules = [], maxBodyBytes = DEFAULT_MAX_BODY_BYTES, telemetry = {} } = options;
  const formatError = createFormatError({ production, logger });
  const ws = createWsServer({
    httpServer,
    path: GRAPHQL_PATH,
    schema,
    createContext,
    formatError,
    validationRules,
    production,
  });
  const apollo = createApolloServer<TContext>({
    schema,
    httpServer,
    disposeWs: () => ws.dispose(),
    formatError,
    logger,
    production,
    validationRules,
    ...(telemetry.operation === undefined ? {} : { reportOperation: telemetry.operation }),
    ...(options.interpretedRootFields === undefined ? {} : { interpretedRootFields: options.interpretedRootFields }),
  });
  await apollo.start();
  const app = createExpressApp({
    apollo,
    createContext,
    readiness,
    logger,
    production,
    maxBodyBytes,
    ...(telemetry.exposition === undefined ? {} : { exposition: telemetry.exposition }),
  });
  httpServer.on('request', app);
  return { apollo, connections: () => ws.connections() };
}

interface Listening {
  readonly host: string;
  readonly port: number;
  readonly logger: Logger;
  readonly connections: () => ConnectionCounts;
}

function runningServer(apollo: Pick<ApolloServer, 'stop'>, { host, port, logger, connections }: Listening): RunningServer {
  let closing: Promise<void> | undefined;
  return {
    url: `${originOf(host, port, 'http')}${GRAPHQL_PATH}`,
    wsUrl: `${originOf(host, port, 'ws')}${GRAPHQL_PATH}`,
    origin: originOf(host, port, 'http'),
    port,
    connections,
    close: () => {
      closing ??= apollo.stop().then(() => {
        logger.info('stopped');
      });
      return closing;
    },
  };
}
