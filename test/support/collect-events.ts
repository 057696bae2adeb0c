import type { Client } from 'graphql-ws';

/**
 * Subscribes and gathers the events of one subscription field; `done` resolves on the first event
 * whose `done` flag is set (weaveProgress, trainingProgress).
 */
// The caller names the shape of the fields it selected, as graphql-ws's own subscribe<T> does.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
export function collectUntilDone<T extends { done: boolean }>(client: Client, query: string, field: string): { events: T[]; done: Promise<void> } {
  const events: T[] = [];
  const done = new Promise<void>((resolve, reject) => {
    client.subscribe<Record<string, T>>(
      { query },
      {
        next: ({ data }) => {
          const event = data?.[field];
          if (event !== undefined) {
            events.push(event);
            if (event.done) {
              resolve();
            }
          }
        },
        error: reject,
        complete: () => undefined,
      },
    );
  });
  return { events, done };
}
