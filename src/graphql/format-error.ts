import { unwrapResolverError } from '@apollo/server/errors';
import { type GraphQLFormattedError } from 'graphql';

import { AppError } from '../shared/index.js';
import { type Logger } from '../observability/index.js';

/** Apollo's `formatError` signature; graphql-ws hooks call it the same way. */
export type FormatError = (
  formatted: GraphQLFormattedError,
  error: unknown,
) => GraphQLFormattedError;

export interface FormatErrorOptions {
  /** Masks unexpected errors and drops stack traces. */
  readonly production: boolean;
  /** Receives every unexpected error with its stack. */
  readonly logger: Logger;
}

const INTERNAL_CODE = 'INTERNAL_SERVER_ERROR';
const MASKED_MESSAGE = 'Internal server error';

/** Creates the one place where errors become what a client sees. */
export function createFormatError({ production, logger }: FormatErrorOptions): FormatError {
  return (formatted, error) => {
    const appError = findAppError(error);
    if (appError !== undefined && appError.code !== INTERNAL_CODE) {
      return fromAppError(formatted, appError, production);
    }
    if (appError === undefined && hasClientCode(formatted)) {
      // Parse, validation and variable-coercion errors: Apollo's codes and messages are right.
      return { ...formatted, extensions: visibleExtensions(formatted.extensions, production) };
    }
    const cause = appError ?? unwrapResolverError(error);
    logger.error({ err: cause, path: formatted.path }, 'unexpected error in a GraphQL operation');
    return fromUnknown(formatted, production);
  };
}

/** The AppError behind a resolver error, or behind any GraphQLError that wraps one. */
function findAppError(error: unknown): AppError | undefined {
  const unwrapped = unwrapResolverError(error);
  if (unwrapped instanceof AppError) {
    return unwrapped;
  }
  // Validation rules and subscription streams wrap errors without a path, which unwrapResolverError
  // skips. Duck-typed: the wrapper may come from another copy of graphql (ESM vs CJS build).
  const original: unknown =
    typeof unwrapped === 'object' && unwrapped !== null && 'originalError' in unwrapped
      ? unwrapped.originalError
      : undefined;
  return original instanceof AppError ? original : undefined;
}

function hasClientCode(formatted: GraphQLFormattedError): boolean {
  const code = formatted.extensions?.['code'];
  return typeof code === 'string' && code !== INTERNAL_CODE;
}

function fromAppError(
  formatted: GraphQLFormattedError,
  error: AppError,
  production: boolean,
): GraphQLFormattedError {
  const details = Object.keys(error.details).length > 0 ? { details: error.details } : {};
  return {
    ...formatted,
    message: error.message,
    extensions: {
      ...visibleExtensions(formatted.extensions, production),
      code: error.code,
      ...details,
    },
  };
}

function fromUnknown(formatted: GraphQLFormattedError, production: boolean): GraphQLFormattedError {
  if (production) {
    return { ...formatted, message: MASKED_MESSAGE, extensions: { code: INTERNAL_CODE } };
  }
  return { ...formatted, extensions: { ...formatted.extensions, code: INTERNAL_CODE } };
}

function visibleExtensions(
  extensions: GraphQLFormattedError['extensions'],
  production: boolean,
): Record<string, unknown> {
  if (!production) {
    return { ...extensions };
  }
  const rest: Record<string, unknown> = { ...extensions };
  delete rest['stacktrace'];
  return rest;
}
