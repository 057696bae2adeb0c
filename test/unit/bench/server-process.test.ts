import { describe, expect, it } from 'vitest';

import { processCpuSeconds, processRssMb, readyUrlOf } from '../../../src/bench/server-process.js';

describe('readyUrlOf', () => {
  it('takes the url from the announcing JSON line only', () => {
    const line = JSON.stringify({ level: 30, msg: 'HoloLoom ready', url: 'http://127.0.0.1:4321/graphql' });
    expect(readyUrlOf(line, 'HoloLoom ready')).toBe('http://127.0.0.1:4321/graphql');
    expect(readyUrlOf(line, 'bare Apollo ready')).toBeUndefined();
    expect(readyUrlOf('{"msg":"HoloLoom ready"}', 'HoloLoom ready')).toBeUndefined();
    expect(readyUrlOf('not json', 'HoloLoom ready')).toBeUndefined();
  });
});

describe('processRssMb', () => {
  it.skipIf(process.platform !== 'linux')('reads this process from /proc and gives null for no process', async () => {
    const rss = await processRssMb(process.pid);
    expect(rss).toBeGreaterThan(10);
    expect(await processRssMb(2 ** 30)).toBeNull();
  });
});

describe('processCpuSeconds', () => {
  it.skipIf(process.platform !== 'linux')('reads CPU time that grows while this process works', async () => {
    const before = await processCpuSeconds(process.pid);
    let spin = 0;
    for (const end = performance.now() + 30; performance.now() < end; ) {
      spin++;
    }
    expect(spin).toBeGreaterThan(0);
    expect(before).not.toBeNull();
    expect(await processCpuSeconds(process.pid)).toBeGreaterThan(before!);
    expect(await processCpuSeconds(2 ** 30)).toBeNull();
  });
});
