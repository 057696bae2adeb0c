import { describe, expect, it } from 'vitest';

import type { Spacetime } from '../../../src/spacetime/index.js';
import { createQueryCache, normalizeQuery, type WeaveRequest } from '../../../src/shuttle/index.js';

const request = (tenant: string, query: string, mode: WeaveRequest['mode'] = 'AUTO'): WeaveRequest => ({
  id: 'x',
  tenant,
  query,
  mode,
  sessionId: null,
  useCache: true,
  tool: null,
});

const spacetime = { id: 'st_1', response: 'r' } as Spacetime;

describe('query cache', () => {
  it('normalizes case, spacing and trailing punctuation', () => {
    expect(normalizeQuery('  What  IS this?? ')).toBe('what is this');
  });

  it('hits on the normalized query within one tenant and mode only', () => {
    const cache = createQueryCache();
    cache.set(request('a', 'Hello world?'), spacetime, 0);
    expect(cache.get(request('a', 'hello   WORLD'))).toBe(spacetime);
    expect(cache.get(request('b', 'hello world'))).toBeUndefined();
    expect(cache.get(request('a', 'hello world', 'FUSED'))).toBeUndefined();
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 2, size: 1 });
  });

  it("forgets only the changed tenant's entries", () => {
    const cache = createQueryCache();
    cache.set(request('a', 'q'), spacetime, 0);
    cache.set(request('ab', 'q'), spacetime, 0);
    cache.invalidateTenant('a');
    expect(cache.get(request('a', 'q'))).toBeUndefined();
    expect(cache.get(request('ab', 'q'))).toBe(spacetime);
  });

  it('refuses an answer woven before the tenant last changed', () => {
    const cache = createQueryCache();
    const before = cache.generation('a');
    cache.invalidateTenant('a');
    cache.set(request('a', 'q'), spacetime, before);
    expect(cache.get(request('a', 'q'))).toBeUndefined();
    cache.set(request('a', 'q'), spacetime, cache.generation('a'));
    expect(cache.get(request('a', 'q'))).toBe(spacetime);
  });

  it('evicts the least recently used entry at capacity', () => {
    const cache = createQueryCache({ max: 2 });
    cache.set(request('a', 'one'), spacetime, 0);
    cache.set(request('a', 'two'), spacetime, 0);
    cache.get(request('a', 'one'));
    cache.set(request('a', 'three'), spacetime, 0);
    expect(cache.get(request('a', 'two'))).toBeUndefined();
    expect(cache.get(request('a', 'one'))).toBe(spacetime);
    expect(cache.stats().evictions).toBe(1);
  });
});
