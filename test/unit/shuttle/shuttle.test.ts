import { describe, expect, it } from 'vitest';

import { createSilentLogger } from '../../../src/observability/index.js';
import { systemClock } from '../../../src/shared/index.js';
import {
  createQueryCache,
  createShuttle,
  PATTERN_CARDS,
  type StepDeps,
  type WeaveProgressEvent,
  type WeaveRequest,
  type WeaveStepDefinition,
} from '../../../src/shuttle/index.js';
import { createSqliteSpacetimeStore, type Spacetime, type SpacetimeStore } from '../../../src/spacetime/index.js';
import { openSqlite } from '../../../src/storage/index.js';

const deps = { clock: systemClock } as StepDeps;
let counter = 0;
const request = (query: string): WeaveRequest => ({
  id: `st_${++counter}`,
  tenant: 't',
  query,
  mode: 'AUTO',
  sessionId: null,
  useCache: true,
  tool: null,
});

/** A two-step cycle whose spacetime echoes the query, or fails when asked to. */
const steps: WeaveStepDefinition[] = [
  { name: 'pattern', run: () => ({ patch: { card: PATTERN_CARDS.BARE }, detail: {} }) },
  {
    name: 'answer',
    run: (state) => {
      if (state.request.query === 'fail') {
        throw new Error('no answer');
      }
      const spacetime = { id: state.request.id, tenant: 't', query: state.request.query, tool: 'ANSWER', response: 'ok', error: null, createdAt: new Date() } as Spacetime;
      return { patch: { spacetime }, detail: {} };
    },
  },
];

function makeShuttle(spacetimes: SpacetimeStore = createSqliteSpacetimeStore(openSqlite(':memory:'))) {
  const events: WeaveProgressEvent[] = [];
  const shuttle = createShuttle({
    deps,
    cache: createQueryCache(),
    spacetimes,
    progress: (event) => events.push(event),
    logger: createSilentLogger(),
    steps,
  });
  return { shuttle, events };
}

describe('shuttle', () => {
  it('serves a repeat from the cache under a new id, with a one-step trace', async () => {
    const { shuttle } = makeShuttle();
    const first = await shuttle.weave(request('hello there'));
    const second = await shuttle.weave(request('Hello there?'));
    expect(second.cacheHit).toBe(true);
    expect(second.id).not.toBe(first.id);
    expect(second.trace.map((step) => step.name)).toEqual(['cache']);
    expect(shuttle.cacheStats().hits).toBe(1);
  });

  it('never caches a failed weave', async () => {
    const { shuttle } = makeShuttle();
    expect((await shuttle.weave(request('fail'))).error).toBe('no answer');
    expect((await shuttle.weave(request('fail'))).cacheHit).toBe(false);
  });

  it('still answers and sends the final progress event when storing fails', async () => {
    const broken: SpacetimeStore = {
      ...createSqliteSpacetimeStore(openSqlite(':memory:')),
      save: () => Promise.reject(new Error('disk full')),
    };
    const { shuttle, events } = makeShuttle(broken);
    const spacetime = await shuttle.weave(request('anything'));
    expect(spacetime.response).toBe('ok');
    expect(events.at(-1)).toMatchObject({ weaveId: spacetime.id, done: true });
  });
});
