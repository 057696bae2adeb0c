import { GraphQLError } from 'graphql';

/** Header that scopes a request to one tenant's memories. */
export const TENANT_HEADER = 'x-hololoom-tenant';

/** What a tenant name may look like, in the header and in HOLOLOOM_TENANT alike. */
export const TENANT_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * The request's tenant: the header when present, else the configured default. A malformed
 * header is the client's mistake: 400 with BAD_USER_INPUT rather than Apollo's default 500.
 */
export function tenantFrom(headers: Readonly<Record<string, string | undefined>>, fallback: string): string {
  const value = headers[TENANT_HEADER];
  if (value === undefined || value === '') {
    return fallback;
  }
  if (!TENANT_PATTERN.test(value)) {
    throw new GraphQLError(`${TENANT_HEADER} must be 1-64 characters of letters, digits, "_", "." or "-".`, {
      extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
    });
  }
  return value;
}
