import { describe, expect, it } from 'vitest';

import { createHoloContext, type HoloContext } from '../../../resolvers/context.js';
import type { Services } from '../../../resolvers/services.js';
import type { MemoryRecord } from '../../../src/memory/index.js';

/** Services with only the store read the loaders use; the loaders touch nothing else. */
function servicesReading(reads: string[][]): Services {
  const store = {
    getMany: (tenant: string, ids: readonly string[]): Promise<(MemoryRecord | undefined)[]> => {
      reads.push([tenant, ...ids]);
      return Promise.resolve(ids.map(() => undefined));
    },
  };
  return { store } as unknown as Services;
}

/** What Apollo Server does to a context before each operation. */
const apolloCopy = (context: HoloContext): HoloContext =>
  Object.assign(Object.create(Object.getPrototypeOf(context) as object) as HoloContext, context);

describe('createHoloContext', () => {
  it('builds no loaders when Apollo copies the context, and builds them once on first use', async () => {
    const reads: string[][] = [];
    const copy = apolloCopy(createHoloContext(servicesReading(reads), 'acme'));
    expect(Object.getOwnPropertyDescriptor(copy, 'loaders')).toBeUndefined();
    expect(copy.loaders).toBe(copy.loaders);
    await Promise.all([copy.loaders.memoryById.load('m1'), copy.loaders.memoryById.load('m2')]);
    expect(reads).toEqual([['acme', 'm1', 'm2']]);
  });

  it('gives each operation its own loaders, so nothing cached leaks between requests', () => {
    const services = servicesReading([]);
    const first = apolloCopy(createHoloContext(services, 'acme'));
    const second = apolloCopy(createHoloContext(services, 'acme'));
    expect(first.loaders.memoryById).not.toBe(second.loaders.memoryById);
    expect(first.tenant).toBe('acme');
  });
});
