import { type Server } from 'node:http';

import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { type GraphQLSchema, type ValidationRule } from 'graphql';

import { type FormatError } from '../graphql/index.js';
import { type Logger } from '../observability/index.js';
import { compiledExecutionGateway } from './compiled-execution.js';
import { drainHttpServerPlugin } from './drain-http.js';
import { operationTimingPlugin, type OperationReport } from './telemetry.js';

export interface ApolloServerOptions {
  readonly schema: GraphQLSchema;
  readonly httpServer: Server;
  /** Closes the WebSocket side; runs while the HTTP server drains. */
  readonly disposeWs: () => Promise<void>;
  readonly formatError: FormatError;
  readonly logger: Logger;
  readonly production: boolean;
  readonly validationRules: readonly ValidationRule[];
  /** Hears each operation's root fields, duration and outcome. */
  readonly reportOperation?: (report: OperationReport) => void;
  /** Root fields whose operations graphql-js interprets rather than graphql-jit compiles. @default none */
  readonly interpretedRootFields?: ReadonlySet<string>;
}

/** Creates (does not start) the Apollo server for the HTTP transport. */
export function createApolloServer<TContext extends BaseContext>(
  options: ApolloServerOptions,
): ApolloServer<TContext> {
  const { schema, formatError, logger, production, validationRules, interpretedRootFields } = options;
  return new ApolloServer<TContext>({
    // The schema, and an executor that runs repeated operations compiled (see compiledExecutionGateway).
    gateway: compiledExecutionGateway(schema, interpretedRootFields === undefined ? {} : { interpretedRootFields }),
    formatError,
    // Apollo's own warnings (plugin and config problems) go to the same structured log.
    logger,
    validationRules: [...validationRules],
    // Explicit, so NODE_ENV (e.g. vitest's "test") never decides what clients see.
    nodeEnv: production ? 'production' : 'development',
    introspection: !production,
    // main.ts owns shutdown order (HTTP drain, sockets, then stores); Apollo would re-raise the signal.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: !production,
    plugins: [
      ...shutdownPlugins(options),
      landingPagePlugin(production),
      // Apollo's cache-control plugin is on by default and hooks every field's resolution; no
      // cache-control hints are used here, so it would only cost time on every request.
      ApolloServerPluginCacheControlDisabled(),
      ...(options.reportOperation === undefined ? [] : [operationTimingPlugin<TContext>(options.reportOperation)]),
    ],
  });
}

function shutdownPlugins({ httpServer, disposeWs }: ApolloServerOptions): ApolloServerPlugin[] {
  const disposeWsPlugin: ApolloServerPlugin = {
    serverWillStart() {
      return Promise.resolve({ drainServer: disposeWs });
    },
  };
  return [drainHttpServerPlugin(httpServer), disposeWsPlugin];
}

function landingPagePlugin(production: boolean): ApolloServerPlugin {
  return production
    ? ApolloServerPluginLandingPageDisabled()
    : ApolloServerPluginLandingPageLocalDefault();
}
