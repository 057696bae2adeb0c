import { describe, expect, it } from 'vitest';

import { fetchAccepted } from '../../../../../src/memory/backends/embedded/widening-fetch.js';

/** A ranked source over keys 0..size-1 that records the size of every request. */
function source(size: number) {
  const requests: number[] = [];
  const fetch = (want: number): number[] => {
    requests.push(want);
    return Array.from({ length: Math.min(want, size) }, (_, key) => key);
  };
  return { fetch, requests };
}

const onePercent = (key: number): boolean => key % 100 === 0;

describe('fetchAccepted', () => {
  it('asks for 4·limit + 32 first and stops when enough keys pass', () => {
    const { fetch, requests } = source(1_000);

    expect(fetchAccepted({ fetch, accept: () => true, limit: 5 })).toEqual([0, 1, 2, 3, 4]);
    expect(requests).toEqual([52]);
  });

  it('sizes the next request from the share accepted so far', () => {
    const { fetch, requests } = source(100_000);

    const hits = fetchAccepted({ fetch, accept: onePercent, limit: 40 });

    expect(hits).toHaveLength(40);
    expect(hits.every(onePercent)).toBe(true);
    expect(requests).toEqual([192, 4_800]);
  });

  it('scales the first request by the expected share', () => {
    const { fetch, requests } = source(100_000);

    expect(fetchAccepted({ fetch, accept: onePercent, limit: 40, expectedRate: 0.01 })).toHaveLength(40);
    expect(requests).toEqual([5_032]);
  });

  it('grows eightfold while nothing passes, and stops when the source runs dry', () => {
    const { fetch, requests } = source(300);

    expect(fetchAccepted({ fetch, accept: () => false, limit: 3 })).toEqual([]);
    expect(requests).toEqual([44, 352]);
  });

  it('never asks for more than the whole source', () => {
    const { fetch, requests } = source(50);

    expect(fetchAccepted({ fetch, accept: (key) => key === 49, limit: 3, total: 50 })).toEqual([49]);
    expect(requests).toEqual([44, 50]);
  });
});
