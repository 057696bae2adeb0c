import { Arg, Ctx, Int, Query, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';

import type { MetricsSnapshot as Snapshot } from '../../src/observability/index.js';
import type { HoloContext } from '../context.js';
import { requireIntIn } from '../limits.js';

import { MetricsSnapshot } from './metrics.type.js';

/** Faster than 10 per second would make the metrics cost more than what they measure. */
export const METRICS_INTERVAL_MS = { min: 100, max: 60_000, default: 1_000 } as const;

interface MetricsArgs {
  readonly intervalMs?: number | null;
}

function metricsFeed({ args, context }: SubscribeResolverData<unknown, MetricsArgs, HoloContext>): AsyncIterable<Snapshot> {
  const { intervalMs } = args;
  const interval = requireIntIn(intervalMs ?? METRICS_INTERVAL_MS.default, 'intervalMs', METRICS_INTERVAL_MS.min, METRICS_INTERVAL_MS.max);
  return context.services.metrics.subscribe(interval);
}

@Resolver()
export class MetricsResolver {
  @Query(() => MetricsSnapshot, { description: 'Latency p50/p95/p99 per operation and mode, QPS, CPU, RSS, cache hit rates, tool mix (whole server).' })
  metricsSnapshot(@Ctx() ctx: HoloContext): Snapshot {
    return ctx.services.metrics.snapshot();
  }

  @Subscription(() => MetricsSnapshot, {
    subscribe: metricsFeed,
    description: `A snapshot now and every intervalMs (${METRICS_INTERVAL_MS.min}-${METRICS_INTERVAL_MS.max}, default ${METRICS_INTERVAL_MS.default}).`,
  })
  metrics(
    @Root() snapshot: Snapshot,
    @Arg('intervalMs', () => Int, { nullable: true, defaultValue: METRICS_INTERVAL_MS.default }) _intervalMs: number | null,
  ): Snapshot {
    return snapshot;
  }
}
