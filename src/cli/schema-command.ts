import { readFile, writeFile } from 'node:fs/promises';

import { renderApiSchema } from '../app/index.js';

export interface SchemaFlags {
  readonly out?: string;
  readonly check?: string;
}

/** `hololoom schema`: print, write (`--out`) or drift-check (`--check`) the served SDL. */
export async function schemaCommand(flags: SchemaFlags): Promise<void> {
  const sdl = await renderApiSchema();
  if (flags.check !== undefined) {
    const committed = await readFile(flags.check, 'utf8').catch(() => '');
    if (committed !== sdl) {
      process.stderr.write(`${flags.check} is out of date; run \`npm run schema:emit\` and commit it.\n`);
      process.exitCode = 1;
    }
    return;
  }
  if (flags.out === undefined) {
    process.stdout.write(sdl);
    return;
  }
  await writeFile(flags.out, sdl);
}
