import { BadInputError } from '../shared/index.js';

/** Header that scopes a request to one tenant's memories. */
export const TENANT_HEADER = 'x-hololoom-tenant';

const TENANT_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

/** The request's tenant: the header when present and well-formed, else the configured default. */
export function tenantFrom(headers: Readonly<Record<string, string | undefined>>, fallback: string): string {
  const value = headers[TENANT_HEADER];
  if (value === undefined || value === '') {
    return fallback;
  }
  if (!TENANT_PATTERN.test(value)) {
    throw new BadInputError(`${TENANT_HEADER} must be 1-64 characters of letters, digits, "_", "." or "-".`);
  }
  return value;
}
