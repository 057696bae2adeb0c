import { describe, expect, it } from 'vitest';

import { residentBytes } from '../../../src/observability/index.js';

const MB = 1_048_576;

describe('residentBytes', () => {
  it('reads what process.memoryUsage.rss() reads', () => {
    const before = process.memoryUsage.rss();
    const read = residentBytes();
    const after = process.memoryUsage.rss();
    expect(read).toBeGreaterThan(Math.min(before, after) - 4 * MB);
    expect(read).toBeLessThan(Math.max(before, after) + 4 * MB);
  });

  it('sees memory the process touches', () => {
    const before = residentBytes();
    // Filled, so every page is resident (an untouched allocation may not be).
    const block = Buffer.alloc(64 * MB, 1);
    const grown = residentBytes() - before;
    expect(block.length).toBe(64 * MB);
    expect(grown).toBeGreaterThan(48 * MB);
  });
});
