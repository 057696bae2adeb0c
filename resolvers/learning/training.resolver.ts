import { Arg, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription, type SubscriptionHandlerData } from 'type-graphql';

import type { TrainingEvent as TrainingEventRecord, TrainingRun as TrainingRunRecord } from '../../src/learning/index.js';
import type { HoloContext } from '../context.js';
import { requireIntIn } from '../limits.js';
import { TOPICS } from '../topics.js';

import { TrainingEvent, TrainingRun, TrainInput } from './training.type.js';

const MAX_UPDATES = 50;
const MAX_RUNS = 100;

interface ProgressArgs {
  readonly runId?: string | null;
}

/** Only the subscriber's tenant, and only the run asked for (all runs when no id). */
function progressFilter({ payload, args, context }: SubscriptionHandlerData<TrainingEventRecord, ProgressArgs, HoloContext>): boolean {
  return payload.tenant === context.tenant && (args.runId === null || args.runId === undefined || payload.runId === args.runId);
}

@Resolver()
export class TrainingResolver {
  @Mutation(() => TrainingRun, { description: 'Starts PPO on the weaves that received feedback; follow it with trainingProgress.' })
  train(@Arg('input', () => TrainInput, { nullable: true }) input: TrainInput | null, @Ctx() ctx: HoloContext): TrainingRunRecord {
    const updates = input?.updates === null || input?.updates === undefined ? undefined : requireIntIn(input.updates, 'input.updates', 1, MAX_UPDATES);
    return ctx.services.training.train(ctx.tenant, 'manual', updates);
  }

  @Query(() => [TrainingRun], { description: 'Training runs of this tenant, newest first (limit up to 100; the last 100 are kept across restarts).' })
  trainingRuns(@Arg('limit', () => Int, { nullable: true, defaultValue: 10 }) limit: number | null, @Ctx() ctx: HoloContext): TrainingRunRecord[] {
    return ctx.services.training.runs(ctx.tenant, requireIntIn(limit ?? 10, 'limit', 1, MAX_RUNS));
  }

  @Subscription(() => TrainingEvent, {
    topics: TOPICS.trainingProgress,
    filter: progressFilter,
    description: 'Each PPO update as it finishes (the last one has done: true); pass runId to follow one run.',
  })
  trainingProgress(@Root() event: TrainingEventRecord, @Arg('runId', () => ID, { nullable: true }) _runId: string | null): TrainingEventRecord {
    return event;
  }
}
