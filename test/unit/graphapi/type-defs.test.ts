import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { graphTypeDefsDir, loadGraphTypeDefs } from '../../../src/graphapi/index.js';

describe('graphTypeDefsDir', () => {
  it('finds schema/neo4j above the built output as well as above the sources', async () => {
    const root = await mkdtemp(join(tmpdir(), 'graphapi-'));
    await mkdir(join(root, 'schema', 'neo4j'), { recursive: true });
    await mkdir(join(root, 'dist', 'src', 'graphapi'), { recursive: true });
    expect(graphTypeDefsDir(join(root, 'dist', 'src', 'graphapi'))).toBe(join(root, 'schema', 'neo4j'));
    expect(graphTypeDefsDir(join(root, 'src', 'graphapi'))).toBe(join(root, 'schema', 'neo4j'));
  });

  it('says so when there is none', () => {
    expect(() => graphTypeDefsDir(tmpdir())).toThrow(/schema/);
  });
});

describe('loadGraphTypeDefs', () => {
  it('reads the repository type definitions by default', async () => {
    const typeDefs = await loadGraphTypeDefs();
    for (const type of ['type Memory', 'type Entity', 'type Weave', 'type Used']) {
      expect(typeDefs).toContain(type);
    }
  });

  it('joins every .graphql file of a folder in name order', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'graphapi-defs-'));
    await writeFile(join(dir, 'b.graphql'), 'type B @node { id: ID! }');
    await writeFile(join(dir, 'a.graphql'), 'type A @node { id: ID! }');
    await writeFile(join(dir, 'notes.md'), 'ignored');
    expect(await loadGraphTypeDefs(dir)).toBe('type A @node { id: ID! }\ntype B @node { id: ID! }');
  });

  it('refuses an empty folder', async () => {
    await expect(loadGraphTypeDefs(await mkdtemp(join(tmpdir(), 'graphapi-empty-')))).rejects.toThrow(/No \.graphql/);
  });
});
