import { ApolloServer } from '@apollo/server';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { type GraphQLFormattedError, type ValidationRule } from 'graphql';

import { createFormatError } from '../../../src/graphql/index.js';
import { type Logger } from '../../../src/observability/index.js';
import { AppError, BadInputError, NotFoundError } from '../../../src/shared/index.js';

const typeDefs = /* GraphQL */ `
  type Query {
    missing: String
    invalid: String
    crash: String
    wrappedCrash: String
    echo(n: Int!): Int
    nested: Nested
  }
  type Nested {
    value: Int
    nested: Nested
  }
`;

const resolvers = {
  Query: {
    missing: () => {
      throw new NotFoundError('memory', 'm-42');
    },
    invalid: () => {
      throw new BadInputError('k must be positive');
    },
    crash: () => {
      throw new TypeError('connection string postgres://secret leaked');
    },
    wrappedCrash: () => {
      throw new AppError('INTERNAL_SERVER_ERROR', 'disk /var/secret is full');
    },
    echo: (_: unknown, { n }: { n: number }) => n,
    nested: () => ({ value: 1, nested: { value: 2, nested: null } }),
  },
};

/** An in-process Apollo server whose resolvers fail in every way the formatter distinguishes. */
export function createErrorProbeServer(options: {
  production: boolean;
  logger: Logger;
  validationRules?: ValidationRule[];
}): ApolloServer {
  return new ApolloServer({
    schema: makeExecutableSchema({ typeDefs, resolvers }),
    formatError: createFormatError(options),
    validationRules: options.validationRules ?? [],
    // On even in production, to prove the formatter strips it.
    includeStacktraceInErrorResponses: true,
  });
}

/** Runs one operation and returns its errors as the client would see them. */
export async function errorsOf(
  server: ApolloServer,
  query: string,
  variables?: Record<string, unknown>,
): Promise<readonly GraphQLFormattedError[]> {
  const response = await server.executeOperation({ query, ...(variables ? { variables } : {}) });
  if (response.body.kind !== 'single') {
    throw new Error('expected a single result');
  }
  return response.body.singleResult.errors ?? [];
}
