import { describe, expect, it } from 'vitest';

import { createMemoryDirectory } from '../../../../../src/memory/backends/embedded/memory-directory.js';
import { ALL_TIME } from '../../../../../src/memory/backends/embedded/memory-table.js';

describe('memory directory', () => {
  const build = () => {
    const directory = createMemoryDirectory();
    directory.set(1, 'a', 100);
    directory.set(2, 'a', 200);
    directory.set(3, 'b', 300);
    directory.set(4, 'a', 400);
    return directory;
  };

  it('accepts only the tenant’s rows inside the window', () => {
    const filter = build().filter('a', { startMs: 150, endMs: 400 });

    expect([1, 2, 3, 4, 5].filter(filter.accept)).toEqual([2, 4]);
  });

  it('estimates the tenant’s share of all rows', () => {
    const directory = build();

    expect(directory.filter('a', ALL_TIME).expectedRate).toBe(0.75);
    expect(directory.filter('nobody', ALL_TIME).expectedRate).toBe(0);
  });

  it('forgets deleted rows and keeps counts right on repeats', () => {
    const directory = build();
    directory.set(4, 'a', 400);
    directory.delete(1);
    directory.delete(1);

    expect(directory.size).toBe(3);
    expect(directory.filter('a', ALL_TIME).accept(1)).toBe(false);
    expect(directory.filter('a', ALL_TIME).expectedRate).toBeCloseTo(2 / 3, 12);
    expect(directory.createdAt(2)).toBe(200);
  });
});
