import { readFile } from 'node:fs/promises';

import { describe, expect, it } from 'vitest';

import { renderApiSchema, SCHEMA_FILE } from '../../../src/app/index.js';

describe('schema/schema.graphql', () => {
  it('matches the schema the resolvers produce (run `npm run schema:emit` after changing the API)', async () => {
    expect(await readFile(SCHEMA_FILE, 'utf8')).toBe(await renderApiSchema());
  });

  it('keeps the operation names of the API contract', async () => {
    const sdl = await renderApiSchema();
    for (const name of ['weave(', 'remember(', 'rememberMany(', 'forget(', 'recall(', 'memoryRecord(', 'spacetime(', 'spacetimes(', 'neighborhood(', 'health:', 'cacheStats:', 'clearCache:', 'weaveProgress(']) {
      expect(sdl).toContain(name);
    }
  });
});
