import { type IncomingMessage } from 'node:http';

import {
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { type SubscribePayload } from 'graphql-ws';

import { type ContextFactory, type FormatError } from '../graphql/index.js';

/** The parts of graphql-ws's per-socket context that building an operation needs. */
export interface WsConnection {
  readonly extra: { readonly request: IncomingMessage };
  readonly connectionParams?: Readonly<Record<string, unknown>> | undefined;
}

export interface SubscribeHookOptions<TContext> {
  readonly schema: GraphQLSchema;
  readonly validationRules: readonly ValidationRule[];
  readonly createContext: ContextFactory<TContext>;
}

type SubscribeHook = (
  connection: WsConnection,
  id: string,
  payload: SubscribePayload,
) => Promise<ExecutionArgs | readonly GraphQLError[]>;

/** A step that either produced its value or the errors to send to the client. */
type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: readonly GraphQLError[] };

/**
 * graphql-ws `onSubscribe`: parse, validate (same rules as HTTP) and build a fresh context.
 * Returning errors sends an error message for this operation; graphql-ws itself would close
 * the whole socket when parsing or the context builder throws.
 */
export function createSubscribeHook<TContext>(
  options: SubscribeHookOptions<TContext>,
): SubscribeHook {
  const { schema, validationRules, createContext } = options;
  return async (connection, _id, payload) => {
    const document = checkDocument(schema, payload.query, validationRules);
    if (!document.ok) {
      return document.errors;
    }
    const context = await contextFor(createContext, connection);
    if (!context.ok) {
      return context.errors;
    }
    return {
      schema,
      document: document.value,
      operationName: payload.operationName,
      variableValues: payload.variables,
      contextValue: context.value,
    };
  };
}

/** Formats errors the way Apollo does before calling the shared formatError. */
export function formatWsErrors(
  errors: readonly GraphQLError[],
  formatError: FormatError,
): GraphQLFormattedError[] {
  return errors.map((error) => formatError(enrich(error), error));
}

function checkDocument(
  schema: GraphQLSchema,
  query: string,
  validationRules: readonly ValidationRule[],
): Outcome<DocumentNode> {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    const syntaxError = error instanceof GraphQLError ? error : new GraphQLError(String(error));
    return { ok: false, errors: [withCode(syntaxError, 'GRAPHQL_PARSE_FAILED')] };
  }
  const errors = validate(schema, document, [...specifiedRules, ...validationRules]);
  if (errors.length > 0) {
    return {
      ok: false,
      errors: errors.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED')),
    };
  }
  return { ok: true, value: document };
}

async function contextFor<TContext>(
  createContext: ContextFactory<TContext>,
  { extra, connectionParams }: WsConnection,
): Promise<Outcome<TContext>> {
  try {
    const value = await createContext({ kind: 'ws', request: extra.request, connectionParams });
    return { ok: true, value };
  } catch (error) {
    // The formatter finds an AppError here (e.g. UNAUTHENTICATED) and masks anything else.
    const cause = error instanceof Error ? error : new Error(String(error));
    return { ok: false, errors: [new GraphQLError(cause.message, { originalError: cause })] };
  }
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    originalError: error.originalError ?? error,
    extensions: { ...error.extensions, code },
  });
}

function enrich(error: GraphQLError): GraphQLFormattedError {
  return { ...error.toJSON(), extensions: { ...error.extensions, code: defaultCode(error) } };
}

function defaultCode(error: GraphQLError): unknown {
  if (error.extensions['code'] !== undefined) {
    return error.extensions['code'];
  }
  // No path and nothing thrown: graphql-js rejected the request itself (variable coercion).
  const isRequestError = error.path === undefined && error.originalError === undefined;
  return isRequestError ? 'BAD_USER_INPUT' : 'INTERNAL_SERVER_ERROR';
}
