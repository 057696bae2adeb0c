import { Ctx, Mutation, Query, Resolver } from 'type-graphql';

import type { HoloContext } from '../context.js';
import type { HealthReport } from '../services.js';

import { CacheStats } from './cache-stats.type.js';
import { Health } from './health.type.js';

@Resolver()
export class SystemResolver {
  @Query(() => Health, { description: 'Status, backend, embedder, memory count, uptime.' })
  async health(@Ctx() ctx: HoloContext): Promise<HealthReport> {
    return ctx.services.health(ctx.tenant);
  }

  @Query(() => CacheStats, { description: 'Query-cache and embedding-cache counters.' })
  cacheStats(@Ctx() ctx: HoloContext): CacheStats {
    const query = ctx.services.shuttle.cacheStats();
    const { size, hits, misses, hitRate } = query;
    return { size, hits, misses, hitRate, query, embedding: ctx.services.embeddingCacheStats() };
  }

  @Mutation(() => Boolean, { description: "Empties the query cache of the caller's tenant." })
  clearCache(@Ctx() ctx: HoloContext): boolean {
    ctx.services.shuttle.clearCache(ctx.tenant);
    return true;
  }
}
