import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { z } from 'zod';

import { BadInputError } from '../../shared/index.js';

import { pcaReductionFrom, PREFIX_REDUCTION, type EmbeddingReduction, type PcaReduction } from './embedding-reduction.js';
import type { EncodingVersion } from './layout.js';

/** The file beside a PPO checkpoint (ppo-checkpoint.json) that holds an obs-v2 policy's PCA. */
export const EMBEDDING_REDUCTION_FILE = 'embedding-reduction.json';

const Stored = z.object({
  encodingVersion: z.literal('obs-v2'),
  inputDims: z.number().int().positive(),
  mean: z.array(z.number()),
  basis: z.array(z.number()),
  fittedOn: z.number().int().nonnegative(),
});

/**
 * Writes an obs-v2 reduction into `dir` (normally the checkpoint's directory): a policy trained
 * on obs-v2 observations is only usable with the very PCA its inputs went through.
 */
export async function saveEmbeddingReduction(dir: string, reduction: PcaReduction): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, EMBEDDING_REDUCTION_FILE);
  // Written aside and renamed, so a reader never sees half a basis.
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(reduction.toStored()));
  await rename(temporary, path);
  return path;
}

/**
 * The reduction a checkpoint's policy expects: obs-v1 needs none stored (the prefix), obs-v2
 * reads EMBEDDING_REDUCTION_FILE from `dir`. Throws BadInputError when that file is missing or
 * malformed.
 */
export async function loadEmbeddingReduction(dir: string, encodingVersion: EncodingVersion): Promise<EmbeddingReduction> {
  if (encodingVersion === 'obs-v1') {
    return PREFIX_REDUCTION;
  }
  const path = join(dir, EMBEDDING_REDUCTION_FILE);
  const text = await readFile(path, 'utf8').catch(() => {
    throw new BadInputError(`An ${encodingVersion} policy needs its embedding reduction; ${path} cannot be read.`);
  });
  const parsed = Stored.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new BadInputError(`${path} is not an obs-v2 embedding reduction: ${parsed.error.message}`);
  }
  try {
    return pcaReductionFrom(parsed.data);
  } catch (error) {
    throw new BadInputError(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
