import { Ctx, Query, Resolver } from 'type-graphql';

import type { HoloContext } from '../context.js';
import type { PolicyStatsReport } from '../services.js';

import { PolicyStats } from './policy-stats.type.js';

@Resolver()
export class PolicyResolver {
  @Query(() => PolicyStats, { description: "The caller's tenant: outcomes per tool from the reflection buffer, and training so far." })
  policyStats(@Ctx() ctx: HoloContext): PolicyStatsReport {
    return ctx.services.policyStats(ctx.tenant);
  }
}
