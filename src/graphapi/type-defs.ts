import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the type definitions live, relative to the repository root. */
const TYPE_DEFS_PATH = join('schema', 'neo4j');

/**
 * The repository's schema/neo4j folder, found by walking up from this file: the code runs from
 * src/graphapi under tsx/vitest and from dist/src/graphapi once built, and the working directory
 * may be anything.
 */
export function graphTypeDefsDir(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let current = from;
  for (;;) {
    const candidate = join(current, TYPE_DEFS_PATH);
    if (existsSync(candidate)) {
      return candidate;
    }
    const parent = dirname(current);
    if (parent === current) {
      throw new Error(`No ${TYPE_DEFS_PATH} folder above ${from}.`);
    }
    current = parent;
  }
}

/** The @neo4j/graphql type definitions: every *.graphql file of the folder, in name order. */
export async function loadGraphTypeDefs(dir: string = graphTypeDefsDir()): Promise<string> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.graphql')).sort();
  if (files.length === 0) {
    throw new Error(`No .graphql files in ${dir}.`);
  }
  const texts = await Promise.all(files.map((name) => readFile(join(dir, name), 'utf8')));
  return texts.join('\n');
}
