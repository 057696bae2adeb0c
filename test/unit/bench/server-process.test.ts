import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { processCpuSeconds, processRssMb, readyUrlOf, SERVER_NODE_FLAGS } from '../../../src/bench/server-process.js';

describe('SERVER_NODE_FLAGS', () => {
  it('are the flags `npm start` runs the server with, so the bench measures the server as it is started', () => {
    const { scripts } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts['start']).toBe(['node', ...SERVER_NODE_FLAGS, 'dist/src/main.js'].join(' '));
  });
});

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
