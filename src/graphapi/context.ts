/** What @neo4j/graphql reads from one request's context. */
export interface GraphApiContext {
  /**
   * Read as an already-verified JWT (@neo4j/graphql trusts `context.jwt`); every type's
   * `@authorization` rule compares its nodes' `tenant` with `jwt.tenant`. Without it nothing
   * matches, so nothing is readable or writable.
   */
  readonly jwt: { readonly tenant: string };
  /** The Neo4j database to run in; absent means the server's default. */
  readonly sessionConfig?: { readonly database: string };
}

/**
 * The fields to spread into each request's GraphQL context. Built only by the server from the
 * resolved tenant: a client that could set `jwt` could read any tenant.
 */
export function graphApiContext(tenant: string, database?: string): GraphApiContext {
  if (tenant === '') {
    // An empty tenant would still "authenticate" and match nodes whose tenant is ''.
    throw new Error('graphApiContext needs a tenant.');
  }
  return database === undefined ? { jwt: { tenant } } : { jwt: { tenant }, sessionConfig: { database } };
}
