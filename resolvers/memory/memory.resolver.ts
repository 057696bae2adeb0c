import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';

import type {
  GraphNeighborhood as NeighborhoodRecord,
  MemoryRecord as MemoryData,
  NewMemory,
  RecallHit as RecallData,
} from '../../src/memory/index.js';
import { BadInputError, NotFoundError } from '../../src/shared/index.js';
import { PATTERN_CARDS } from '../../src/shuttle/index.js';
import { neighborhoodKey, type HoloContext } from '../context.js';
import { cleanTags, LIMITS, optionalId, requireIntIn, requireText } from '../limits.js';

import { MemoryRecord, RecallHit } from './memory.type.js';
import { GraphNeighborhood } from './neighborhood.type.js';
import { RememberInput } from './remember.input.js';

function toNewMemory(input: RememberInput, field: string): NewMemory {
  const source = input.source === null || input.source === undefined ? null : requireText(input.source, `${field}.source`, LIMITS.sourceChars);
  return {
    text: requireText(input.text, `${field}.text`, LIMITS.memoryChars),
    tags: cleanTags(input.tags),
    source,
    sessionId: optionalId(input.sessionId, `${field}.sessionId`),
  };
}

@Resolver()
export class MemoryResolver {
  @Mutation(() => MemoryRecord, { description: 'Stores one memory; durable when this returns.' })
  async remember(@Arg('input', () => RememberInput) input: RememberInput, @Ctx() ctx: HoloContext): Promise<MemoryData> {
    const [record] = await ctx.services.store.remember(ctx.tenant, [toNewMemory(input, 'input')]);
    if (record === undefined) {
      throw new Error('The store returned no record for a stored memory.');
    }
    return record;
  }

  @Mutation(() => [MemoryRecord], { description: 'Stores up to 1,000 memories in one transaction.' })
  async rememberMany(
    @Arg('inputs', () => [RememberInput]) inputs: RememberInput[],
    @Ctx() ctx: HoloContext,
  ): Promise<MemoryData[]> {
    if (inputs.length === 0 || inputs.length > LIMITS.batchSize) {
      throw new BadInputError(`rememberMany takes 1 to ${LIMITS.batchSize} memories; got ${inputs.length}.`, { field: 'inputs' });
    }
    const memories = inputs.map((input, i) => toNewMemory(input, `inputs[${i}]`));
    return ctx.services.store.remember(ctx.tenant, memories);
  }

  @Mutation(() => Boolean, { description: 'Deletes a memory and its links; NOT_FOUND when it does not exist.' })
  async forget(@Arg('id', () => ID) id: string, @Ctx() ctx: HoloContext): Promise<boolean> {
    if (!(await ctx.services.store.forget(ctx.tenant, id))) {
      throw new NotFoundError('memory', id);
    }
    return true;
  }

  @Query(() => [RecallHit], { description: 'Fused vector + keyword + graph recall, best first (k up to 100).' })
  async recall(
    @Arg('query', () => String) query: string,
    @Arg('k', () => Int, { nullable: true, defaultValue: 10 }) k: number | null,
    @Ctx() ctx: HoloContext,
  ): Promise<RecallData[]> {
    const text = requireText(query, 'query', LIMITS.queryChars);
    return ctx.services.store.recall({
      tenant: ctx.tenant,
      text,
      k: requireIntIn(k ?? 10, 'k', 1, LIMITS.maxK),
      scales: PATTERN_CARDS.FUSED.scales,
    });
  }

  @Query(() => MemoryRecord, { nullable: true, description: 'A memory by id, or null.' })
  async memoryRecord(@Arg('id', () => ID) id: string, @Ctx() ctx: HoloContext): Promise<MemoryData | null> {
    return (await ctx.loaders.memoryById.load(id)) ?? null;
  }

  @Query(() => GraphNeighborhood, { description: 'Entities and memories within `depth` (1-3) hops of an entity.' })
  async neighborhood(
    @Arg('entity', () => String) entity: string,
    @Arg('depth', () => Int, { nullable: true, defaultValue: 1 }) depth: number | null,
    @Ctx() ctx: HoloContext,
  ): Promise<NeighborhoodRecord> {
    const name = requireText(entity, 'entity', LIMITS.entityChars);
    return ctx.loaders.neighborhood.load(neighborhoodKey(name, requireIntIn(depth ?? 1, 'depth', 1, LIMITS.maxDepth)));
  }
}
