import type { createNeo4jMemoryStore } from './backends/neo4j/neo4j-memory-store.js';

/** Loads the Neo4j memory backend (and with it neo4j-driver) on first call. */
export async function loadNeo4jMemoryStore(): Promise<typeof createNeo4jMemoryStore> {
  return (await import('./backends/neo4j/neo4j-memory-store.js')).createNeo4jMemoryStore;
}
