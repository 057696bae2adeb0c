import { Arg, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription, type SubscriptionHandlerData } from 'type-graphql';

import { newId } from '../../src/shared/index.js';
import type { Spacetime as SpacetimeRecord } from '../../src/spacetime/index.js';
import type { WeaveProgressEvent } from '../../src/shuttle/index.js';
import type { HoloContext } from '../context.js';
import { LIMITS, optionalId, requireIntIn, requireText } from '../limits.js';
import { TOPICS } from '../topics.js';

import { Spacetime } from './spacetime.type.js';
import { WeaveStepEvent } from './weave-step-event.type.js';
import { WeaveMode } from './enums.js';
import { WeaveInput } from './weave.input.js';

interface ProgressArgs {
  readonly id?: string | null;
}

/** Only the subscriber's tenant, and only the weave asked for (all weaves when no id). */
function progressFilter({ payload, args, context }: SubscriptionHandlerData<WeaveProgressEvent, ProgressArgs, HoloContext>): boolean {
  return payload.tenant === context.tenant && (args.id === null || args.id === undefined || payload.weaveId === args.id);
}

@Resolver(() => Spacetime)
export class WeaveResolver {
  @Mutation(() => Spacetime, { description: 'Runs the weave cycle and returns the answer with its provenance.' })
  async weave(@Arg('input', () => WeaveInput) input: WeaveInput, @Ctx() ctx: HoloContext): Promise<SpacetimeRecord> {
    const chosen = optionalId(input.id, 'input.id');
    return ctx.services.shuttle.weave({
      id: chosen ?? newId('st'),
      freshId: chosen === null,
      tenant: ctx.tenant,
      query: requireText(input.query, 'input.query', LIMITS.queryChars),
      mode: input.mode ?? WeaveMode.AUTO,
      sessionId: optionalId(input.sessionId, 'input.sessionId'),
      useCache: input.useCache ?? true,
      tool: input.tool ?? null,
    });
  }

  @Query(() => Spacetime, { nullable: true, description: 'A stored spacetime by id.' })
  async spacetime(@Arg('id', () => ID) id: string, @Ctx() ctx: HoloContext): Promise<SpacetimeRecord | null> {
    return (await ctx.services.spacetimes.get(ctx.tenant, id)) ?? null;
  }

  @Query(() => [Spacetime], { description: 'Stored spacetimes, newest first (limit up to 100).' })
  async spacetimes(
    @Arg('limit', () => Int, { nullable: true, defaultValue: 20 }) limit: number | null,
    @Arg('offset', () => Int, { nullable: true, defaultValue: 0 }) offset: number | null,
    @Ctx() ctx: HoloContext,
  ): Promise<SpacetimeRecord[]> {
    const pageSize = requireIntIn(limit ?? 20, 'limit', 1, LIMITS.pageSize);
    const skip = requireIntIn(offset ?? 0, 'offset', 0, Number.MAX_SAFE_INTEGER);
    return ctx.services.spacetimes.list(ctx.tenant, pageSize, skip);
  }

  @Subscription(() => WeaveStepEvent, {
    topics: TOPICS.weaveProgress,
    filter: progressFilter,
    description: 'Each weave step as it finishes; pass the weave id to follow one weave.',
  })
  weaveProgress(
    @Root() event: WeaveProgressEvent,
    @Arg('id', () => ID, { nullable: true }) _id: string | null,
  ): WeaveProgressEvent {
    return event;
  }
}

