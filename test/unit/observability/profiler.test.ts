import { describe, expect, it } from 'vitest';

import { createProfiler, type ProfileSpan } from '../../../src/observability/index.js';

/** A clock and a memory gauge that tick by one on every read, so every span has a known shape. */
function ticking() {
  let time = 0;
  let bytes = 1_000;
  return { clock: () => ++time, memory: () => (bytes += 4_096) };
}

const tree = (span: ProfileSpan): unknown => (span.children.length === 0 ? span.name : { [span.name]: span.children.map(tree) });

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('profiler', () => {
  it('nests spans under the span that was current when they started', async () => {
    const profiler = createProfiler(ticking());
    const { result, root } = await profiler.trace(async () => {
      await profiler.span('retrieve', async () => {
        await profiler.span('vector', tick);
        profiler.spanSync('fuse', () => 1 + 1);
      });
      return profiler.spanSync('answer', () => 'done', { tool: 'ANSWER' });
    }, 'weave');
    expect(result).toBe('done');
    expect(tree(root)).toEqual({ weave: [{ retrieve: ['vector', 'fuse'] }, 'answer'] });
    expect(root.children[1]).toMatchObject({ detail: { tool: 'ANSWER' }, error: false });
    expect(profiler.currentSpan()).toBeNull();
  });

  it('times spans and records a memory delta with the injected gauges', async () => {
    const profiler = createProfiler(ticking());
    const { root } = await profiler.trace(() => profiler.spanSync('step', () => undefined));
    const [step] = root.children;
    // Root opens at t=1, step at 2 and closes at 3, root closes at 4; memory grows 4 KiB a read.
    expect(step).toMatchObject({ name: 'step', startMs: 2, durationMs: 1, memoryDeltaBytes: 4_096 });
    expect(root).toMatchObject({ name: 'trace', startMs: 1, durationMs: 3, memoryDeltaBytes: 3 * 4_096 });
  });

  it('measures real time and RSS by default', async () => {
    const profiler = createProfiler();
    const { root } = await profiler.trace(() => new Promise((resolve) => setTimeout(resolve, 5)));
    expect(root.durationMs).toBeGreaterThanOrEqual(4);
    expect(Number.isInteger(root.memoryDeltaBytes)).toBe(true);
  });

  it('keeps concurrent traces apart however their awaits interleave', async () => {
    const profiler = createProfiler(ticking());
    const order: string[] = [];
    const flow = (id: string) =>
      profiler.trace(async () => {
        for (const step of ['a', 'b', 'c']) {
          await profiler.span(`${id}.${step}`, async () => {
            order.push(`${id}.${step}`);
            await tick();
            await profiler.span(`${id}.${step}.inner`, tick);
          });
        }
        return profiler.currentSpan()?.name;
      }, id);
    const traces = await Promise.all(['x', 'y', 'z'].map(flow));
    expect(order.slice(0, 3)).toEqual(['x.a', 'y.a', 'z.a']); // they really did interleave
    for (const [index, id] of ['x', 'y', 'z'].entries()) {
      const { result, root } = traces[index]!;
      expect(result).toBe(id);
      expect(tree(root)).toEqual({
        [id]: [{ [`${id}.a`]: [`${id}.a.inner`] }, { [`${id}.b`]: [`${id}.b.inner`] }, { [`${id}.c`]: [`${id}.c.inner`] }],
      });
    }
  });

  it('keeps a longer trace whole when a shorter one ends first, and traces again after all have ended', async () => {
    const profiler = createProfiler(ticking());
    const long = profiler.trace(async () => {
      await profiler.span('first', tick);
      await Promise.all([tick(), tick(), tick()]);
      await profiler.span('after the short trace ended', tick);
    }, 'long');
    const short = profiler.trace(() => profiler.span('only', () => 1), 'short');

    const [longTrace, shortTrace] = await Promise.all([long, short]);
    const again = await profiler.trace(() => profiler.span('later', tick), 'again');

    expect(tree(shortTrace.root)).toEqual({ short: ['only'] });
    expect(tree(longTrace.root)).toEqual({ long: ['first', 'after the short trace ended'] });
    expect(tree(again.root)).toEqual({ again: ['later'] });
    // No trace running: nothing is current (and the storage's promise hook is off).
    expect(profiler.currentSpan()).toBeNull();
  });

  it('keeps concurrent children of one span in start order, each with its own subtree', async () => {
    const profiler = createProfiler(ticking());
    const { root } = await profiler.trace(() =>
      Promise.all(
        ['vector', 'keyword', 'graph'].map((name) =>
          profiler.span(name, async () => {
            await tick();
            await profiler.span(`${name}.query`, tick);
          }),
        ),
      ),
    );
    expect(tree(root)).toEqual({
      trace: [{ vector: ['vector.query'] }, { keyword: ['keyword.query'] }, { graph: ['graph.query'] }],
    });
  });

  it('flags spans that threw or rejected, closes them, and rethrows', async () => {
    const profiler = createProfiler(ticking());
    let captured: ProfileSpan | null = null;
    const traced = profiler.trace(async () => {
      captured = profiler.currentSpan();
      await profiler.span('ok', tick);
      expect(() => profiler.spanSync('sync-fail', () => {
        throw new Error('sync');
      })).toThrow('sync');
      await profiler.span('async-fail', async () => {
        await tick();
        throw new Error('async');
      });
    }, 'weave');
    await expect(traced).rejects.toThrow('async');
    const root = captured!;
    expect(root.error).toBe(true);
    expect(root.children.map(({ name, error, durationMs }) => [name, error, durationMs > 0])).toEqual([
      ['ok', false, true],
      ['sync-fail', true, true],
      ['async-fail', true, true],
    ]);
  });

  it('accepts synchronous functions in span(), values and throws alike', async () => {
    const profiler = createProfiler(ticking());
    const boom = new Error('sync throw');
    const { root } = await profiler.trace(async () => {
      expect(await profiler.span('value', () => 42)).toBe(42);
      await expect(
        profiler.span('throws', () => {
          throw boom;
        }),
      ).rejects.toBe(boom);
    });
    expect(root.children.map(({ name, error, durationMs }) => [name, error, durationMs])).toEqual([
      ['value', false, 1],
      ['throws', true, 1],
    ]);
  });

  it('starts a new root for a trace inside a span, and keeps detached spans out of any tree', async () => {
    const profiler = createProfiler(ticking());
    expect(await profiler.span('detached', () => 7)).toBe(7);
    const outer = await profiler.trace(async () => {
      const inner = await profiler.trace(() => profiler.spanSync('inner.step', () => undefined), 'inner');
      expect(tree(inner.root)).toEqual({ inner: ['inner.step'] });
    }, 'outer');
    expect(outer.root.children).toEqual([]);
  });
});
