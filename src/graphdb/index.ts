/** One Neo4j connection for every module that keeps data in the graph, and its value conversions. */
export { createGraphDb, type GraphDb, type GraphDbOptions, type Params } from './graph-db.js';
export { toGraphDbError } from './errors.js';
export { fromDate, toDate, toInteger, toNumber, toOptionalString, toStringList } from './values.js';
