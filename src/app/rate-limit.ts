import { GraphQLError } from 'graphql';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/** Consumes one operation of a tenant's budget, or throws RATE_LIMITED (HTTP 429). */
export type TenantRateLimit = (tenant: string) => Promise<void>;

/**
 * A per-tenant budget of GraphQL operations per second (HTTP requests and WebSocket
 * operations alike), so one busy tenant cannot starve the others. rate-limiter-flexible keeps
 * the counters; `perSecond` 0 turns the limit off.
 */
export function createTenantRateLimit(perSecond: number): TenantRateLimit {
  if (perSecond === 0) {
    return () => Promise.resolve();
  }
  const limiter = new RateLimiterMemory({ points: perSecond, duration: 1 });
  return async (tenant) => {
    try {
      await limiter.consume(tenant);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) {
        throw rejection;
      }
      const retryAfterMs = Math.ceil(rejection.msBeforeNext);
      throw new GraphQLError(
        `Tenant "${tenant}" exceeded ${perSecond} operations per second; retry in ${retryAfterMs} ms.`,
        { extensions: { code: 'RATE_LIMITED', retryAfterMs, http: { status: 429 } } },
      );
    }
  };
}
