import type { createNeo4jSpacetimeStore } from './neo4j-spacetime-store.js';

/** Loads the Neo4j spacetime store (and with it neo4j-driver) on first call. */
export async function loadNeo4jSpacetimeStore(): Promise<typeof createNeo4jSpacetimeStore> {
  return (await import('./neo4j-spacetime-store.js')).createNeo4jSpacetimeStore;
}
