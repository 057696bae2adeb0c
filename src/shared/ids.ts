import { randomUUID } from 'node:crypto';

/** A new opaque id with a readable prefix, e.g. `mem_…`, `st_…`. */
export function newId(prefix: string): string {
  return `${prefix}_${randomUUID().replaceAll('-', '')}`;
}
