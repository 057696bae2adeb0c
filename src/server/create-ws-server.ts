import { type Server } from 'node:http';

import { type GraphQLSchema, type ValidationRule } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

import { type ContextFactory, type FormatError } from '../graphql/index.js';
import { type ConnectionCounts } from './telemetry.js';
import { createSubscribeHook, formatWsErrors } from './ws-hooks.js';

export interface WsServerOptions<TContext> {
  readonly httpServer: Server;
  readonly path: string;
  readonly schema: GraphQLSchema;
  readonly createContext: ContextFactory<TContext>;
  readonly formatError: FormatError;
  readonly validationRules: readonly ValidationRule[];
  readonly production: boolean;
}

/** The WebSocket side: its disposer and what it holds open. */
export interface WsServer {
  dispose(): Promise<void>;
  connections(): ConnectionCounts;
}

/** Active operations per open socket, read from graphql-ws's own bookkeeping (no counters to drift). */
type OpenSockets = Set<{ readonly subscriptions: Readonly<Record<string, unknown>> }>;

const countsOf = (sockets: OpenSockets): ConnectionCounts => {
  let subscriptions = 0;
  sockets.forEach((socket) => (subscriptions += Object.keys(socket.subscriptions).length));
  return { websockets: sockets.size, subscriptions };
};

/** GraphQL over WebSocket (graphql-transport-ws) on the HTTP port. */
export function createWsServer<TContext>(options: WsServerOptions<TContext>): WsServer {
  const { httpServer, path, schema, createContext, formatError, validationRules } = options;
  const wsServer = new WebSocketServer({ server: httpServer, path });
  const sockets: OpenSockets = new Set();
  const disposable = useServer(
    {
      schema,
      isProd: options.production,
      onConnect: (ctx) => {
        sockets.add(ctx);
        return true;
      },
      onClose: (ctx) => {
        sockets.delete(ctx);
      },
      onSubscribe: createSubscribeHook({ schema, validationRules, createContext }),
      onError: (_ctx, _id, _payload, errors) => formatWsErrors(errors, formatError),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors === undefined
          ? undefined
          : { ...result, errors: formatWsErrors(result.errors, formatError) },
    },
    wsServer,
  );
  return {
    dispose: async () => {
      await disposable.dispose();
    },
    connections: () => countsOf(sockets),
  };
}
