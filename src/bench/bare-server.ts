import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';

/** The line bare-server-main prints once it listens; the bench waits for it. */
export const BARE_READY_MESSAGE = 'bare Apollo ready';

/** What the bare server answers: the least GraphQL work a request can cause. */
export const BARE_QUERY = '{ ping }';

/** A listening bare server. */
export interface BareServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Apollo Server 5 on express 5 through @as-integrations/express5, as HoloLoom serves, with none of
 * HoloLoom's schema, context, validation rules or middleware: the yardstick that the GraphQL
 * overhead ratio (cached weave req/s ÷ bare req/s) is measured against.
 */
export async function startBareServer(host = '127.0.0.1', port = 0): Promise<BareServer> {
  const apollo = new ApolloServer({ typeDefs: 'type Query { ping: String! }', resolvers: { Query: { ping: () => 'pong' } } });
  await apollo.start();
  const app = express();
  app.use('/graphql', express.json(), expressMiddleware(apollo));
  const httpServer = createServer(app);
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => {
      resolve();
    });
  });
  const { port: bound } = httpServer.address() as AddressInfo;
  return {
    url: `http://${host}:${bound}/graphql`,
    async close() {
      // Load generators keep their sockets alive; closing them lets `close` finish at once.
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await apollo.stop();
    },
  };
}
