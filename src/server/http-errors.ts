import { type ErrorRequestHandler } from 'express';

import { type Logger } from '../observability/index.js';

/** The shape of errors thrown by express.json() (body-parser / http-errors). */
interface BodyParserError {
  readonly status: number;
  readonly type: string;
  readonly message: string;
  /** Set on 413s: the configured limit in bytes. */
  readonly limit?: unknown;
}

/**
 * Answers errors that happen before Apollo sees the request (body too large, malformed JSON)
 * in the GraphQL error shape, instead of express's HTML page.
 */
export function createHttpErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _request, response, next) => {
    // Once a response has started, only express's own handler can still abort it.
    if (response.headersSent) {
      next(error);
      return;
    }
    if (isBodyParserError(error)) {
      response.status(error.status).json(errorBody(bodyErrorMessage(error), 'BAD_USER_INPUT'));
      return;
    }
    logger.error({ err: error }, 'unexpected error in an HTTP handler');
    response.status(500).json(errorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
  };
}

function isBodyParserError(error: unknown): error is BodyParserError {
  if (typeof error !== 'object' || error === null) {
    return false;
  }
  const { status, type } = error as Partial<Record<keyof BodyParserError, unknown>>;
  return typeof status === 'number' && status >= 400 && status < 500 && typeof type === 'string';
}

function bodyErrorMessage(error: BodyParserError): string {
  if (error.type !== 'entity.too.large') {
    return error.message;
  }
  const limit = typeof error.limit === 'number' ? ` of ${error.limit} bytes` : '';
  return `Request body exceeds the size limit${limit}; send a smaller request.`;
}

function errorBody(message: string, code: string): object {
  return { errors: [{ message, extensions: { code } }] };
}
