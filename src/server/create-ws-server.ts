import { type Server } from 'node:http';

import { type GraphQLSchema, type ValidationRule } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

import { type ContextFactory, type FormatError } from '../graphql/index.js';
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

/** GraphQL over WebSocket (graphql-transport-ws) on the HTTP port; returns its disposer. */
export function createWsServer<TContext>(options: WsServerOptions<TContext>): () => Promise<void> {
  const { httpServer, path, schema, createContext, formatError, validationRules } = options;
  const wsServer = new WebSocketServer({ server: httpServer, path });
  const disposable = useServer(
    {
      schema,
      isProd: options.production,
      onSubscribe: createSubscribeHook({ schema, validationRules, createContext }),
      onError: (_ctx, _id, _payload, errors) => formatWsErrors(errors, formatError),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors === undefined
          ? undefined
          : { ...result, errors: formatWsErrors(result.errors, formatError) },
    },
    wsServer,
  );
  return async () => {
    await disposable.dispose();
  };
}
