import { Arg, Ctx, Float, Mutation, Resolver } from 'type-graphql';

import type { HoloContext } from '../context.js';
import { LIMITS, requireText } from '../limits.js';

import { FeedbackInput } from './feedback.input.js';

@Resolver()
export class FeedbackResolver {
  @Mutation(() => Float, { description: 'Scores a spacetime, updates the bandit, and returns the stored reward (−1..1).' })
  async feedback(@Arg('input', () => FeedbackInput) input: FeedbackInput, @Ctx() ctx: HoloContext): Promise<number> {
    const comment = input.comment === null || input.comment === undefined ? null : requireText(input.comment, 'input.comment', LIMITS.queryChars);
    return ctx.services.feedback.give(ctx.tenant, input.spacetimeId, { rating: input.rating, success: input.success, comment });
  }
}
