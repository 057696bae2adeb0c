/** Spacetime: the provenance record of one weave, and where it is stored. */
export { createSqliteSpacetimeStore } from './sqlite-spacetime-store.js';
export { cacheHitTrace, repeatSpacetime } from './types.js';
export type { ContextHit, PatternName, RepeatFields, Spacetime, SpacetimeStore, ToolScore, WeaveStep } from './types.js';
/** The Neo4j spacetime store, loaded on first use so the embedded default never loads neo4j-driver. */
export { loadNeo4jSpacetimeStore } from './load-neo4j.js';
export type { Neo4jSpacetimeStoreOptions } from './neo4j-spacetime-store.js';
