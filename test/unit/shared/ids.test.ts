import { describe, expect, it } from 'vitest';

import { newId } from '../../../src/shared/index.js';

const UUID_V7_HEX = /^[0-9a-f]{12}7[0-9a-f]{3}[89ab][0-9a-f]{15}$/;

describe('newId', () => {
  it('is the prefix and the 32 hex digits of a UUIDv7 (version 7, RFC variant)', () => {
    const id = newId('st');
    expect(id.startsWith('st_')).toBe(true);
    expect(id.slice(3)).toMatch(UUID_V7_HEX);
  });

  it('opens with the millisecond timestamp it was minted at', () => {
    const ms = Date.UTC(2026, 11, 6, 18, 0, 0, 123);
    expect(Number.parseInt(newId('mem', ms).slice(4, 16), 16)).toBe(ms);
  });

  it('sorts ids of later milliseconds after earlier ones, as a string', () => {
    const ids = [0, 1, 255, 256, 1_000_000].map((offset) => newId('st', 1_700_000_000_000 + offset));
    expect([...ids].sort()).toEqual(ids);
  });

  it('differs between ids minted in the same millisecond, and sorts them in the order they were minted', () => {
    const ms = Date.now();
    const ids = Array.from({ length: 1_000 }, () => newId('st', ms));
    expect(new Set(ids).size).toBe(1_000);
    expect([...ids].sort()).toEqual(ids);
  });

  it('still mints distinct ids past the 4,096 a millisecond the counter can order', () => {
    const ms = Date.now() + 1;
    const ids = new Set(Array.from({ length: 6_000 }, () => newId('st', ms)));
    expect(ids.size).toBe(6_000);
  });
});
