import { type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import { Router } from 'express';

/** One GraphQL operation over HTTP, once answered. */
export interface OperationReport {
  /** The root fields it selected (aliases resolved to field names); `invalid` when it did not parse or validate. */
  readonly rootFields: readonly string[];
  readonly durationMs: number;
  /** True when the response carried errors. */
  readonly failed: boolean;
}

/** A Prometheus text exposition and its content type. */
export interface Exposition {
  readonly contentType: string;
  readonly body: string;
}

/** Where the transport reports what it sees, and what it serves at /metrics. Both optional. */
export interface ServerTelemetry {
  /** GET /metrics; absent: 404. */
  readonly exposition?: () => Promise<Exposition>;
  /** Hears every HTTP GraphQL operation; must be cheap (it runs on every request). */
  readonly operation?: (report: OperationReport) => void;
}

/** Open graphql-ws sockets and their active operations. */
export interface ConnectionCounts {
  readonly websockets: number;
  readonly subscriptions: number;
}

const INVALID = ['invalid'];

/** Apollo hands the same parsed operation back for a repeated query: its root fields are read once. */
const rootFieldsSeen = new WeakMap<OperationDefinitionNode, readonly string[]>();

function rootFieldsOf(operation: OperationDefinitionNode | undefined): readonly string[] {
  if (operation === undefined) {
    return INVALID;
  }
  let fields = rootFieldsSeen.get(operation);
  if (fields === undefined) {
    // Fragments at the root are rare; their fields count under the fragment's spread, not by name.
    fields = operation.selectionSet.selections.flatMap((selection) =>
      selection.kind === Kind.FIELD ? (selection.name.value === '__typename' ? [] : [selection.name.value]) : ['fragment'],
    );
    rootFieldsSeen.set(operation, fields);
  }
  return fields;
}

/**
 * Times each HTTP operation from Apollo's first hook to its response: one clock read at each
 * end and one call to `report`, nothing per resolver, so it stays off the hot path.
 */
export function operationTimingPlugin<TContext extends BaseContext>(report: (operation: OperationReport) => void): ApolloServerPlugin<TContext> {
  return {
    requestDidStart() {
      const started = performance.now();
      return Promise.resolve({
        willSendResponse({ operation, errors }) {
          report({ rootFields: rootFieldsOf(operation ?? undefined), durationMs: performance.now() - started, failed: (errors?.length ?? 0) > 0 });
          return Promise.resolve();
        },
      });
    },
  };
}

/** GET /metrics in the Prometheus text format. */
export function createMetricsRoute(exposition: () => Promise<Exposition>): Router {
  const router = Router();
  router.get('/metrics', async (_request, response, next) => {
    try {
      const { contentType, body } = await exposition();
      response.status(200).type(contentType).send(body);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
