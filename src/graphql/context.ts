import { type IncomingMessage } from 'node:http';

/** What a context builder may know about the request, whichever transport carried it. */
export interface ContextRequest {
  readonly kind: 'http' | 'ws';
  /** Lower-case header names. Over WebSocket, string connection params override upgrade headers. */
  readonly headers: Readonly<Record<string, string | undefined>>;
}

/** Where one operation came from, as the server sees it. */
export type ContextSource =
  | { readonly kind: 'http'; readonly request: IncomingMessage }
  | {
      readonly kind: 'ws';
      readonly request: IncomingMessage;
      readonly connectionParams?: Readonly<Record<string, unknown>> | undefined;
    };

/** Builds a fresh context per HTTP request and per WebSocket operation. */
export type ContextFactory<TContext> = (source: ContextSource) => Promise<TContext>;

/** Wraps one transport-agnostic builder so HTTP and WebSocket share it. */
export function createContextFactory<TContext>(
  build: (request: ContextRequest) => TContext | Promise<TContext>,
): ContextFactory<TContext> {
  return async (source) => build({ kind: source.kind, headers: headersOf(source) });
}

function headersOf(source: ContextSource): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(source.request.headers)) {
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  // Browsers cannot set headers on a WebSocket, so clients send them as connection params.
  if (source.kind === 'ws') {
    for (const [name, value] of Object.entries(source.connectionParams ?? {})) {
      if (typeof value === 'string') {
        headers[name.toLowerCase()] = value;
      }
    }
  }
  return headers;
}
