import { describe, expect, it } from 'vitest';

import { createTypedPubSub } from '../../../src/graphql/index.js';

interface Topics {
  STEP_DONE: { step: string };
  TICK: number;
}

describe('createTypedPubSub', () => {
  it('delivers each published payload to the subscribers of its topic only', async () => {
    const pubSub = createTypedPubSub<Topics>();
    const steps = pubSub.subscribe('STEP_DONE');
    const ticks = pubSub.subscribe('TICK');
    const nextStep = steps.next();
    const nextTick = ticks.next();
    pubSub.publish('TICK', 1);
    pubSub.publish('STEP_DONE', { step: 'retrieve' });
    expect((await nextStep).value).toEqual({ step: 'retrieve' });
    expect((await nextTick).value).toBe(1);
    await steps.return?.();
    await ticks.return?.();
  });

  // Enforced by `npm run typecheck`: a @ts-expect-error that no longer errors fails it.
  it('rejects a payload of the wrong type at compile time', () => {
    const pubSub = createTypedPubSub<Topics>();
    // @ts-expect-error TICK carries a number
    pubSub.publish('TICK', 'one');
    // @ts-expect-error unknown topic
    pubSub.publish('NOPE', 1);
  });
});
