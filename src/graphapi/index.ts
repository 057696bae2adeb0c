/**
 * The generated graph API: @neo4j/graphql over the Neo4j store's Memory, Entity and Weave nodes,
 * read-only except Memory importance/tags, every operation filtered to the context's tenant.
 */
export { buildGraphApiSchema, type BuildGraphApiSchemaOptions } from './build-graph-api-schema.js';
export { graphApiContext, type GraphApiContext } from './context.js';
export { noGraphDatabaseError, toGraphApiError } from './errors.js';
export { graphTypeDefsDir, loadGraphTypeDefs } from './type-defs.js';
