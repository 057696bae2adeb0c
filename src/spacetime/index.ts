/** Spacetime: the provenance record of one weave, and where it is stored. */
export { createSqliteSpacetimeStore } from './sqlite-spacetime-store.js';
export { repeatFieldsOf, repeatSpacetime } from './types.js';
export type { ContextHit, PatternName, RepeatFields, Spacetime, SpacetimeStore, ToolScore, WeaveStep } from './types.js';
export { createNeo4jSpacetimeStore, type Neo4jSpacetimeStoreOptions } from './neo4j-spacetime-store.js';
