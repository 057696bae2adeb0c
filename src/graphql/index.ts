/** The GraphQL edge: schema building, error translation, typed pubsub, request context, limits. */
export {
  buildGraphqlSchema,
  rootFieldNames,
  printSchemaSdl,
  type BuildGraphqlSchemaOptions,
} from './build-schema.js';
/** The one DateTime scalar of the merged schema (JS Dates, ISO strings and Neo4j values out). */
export { DateTimeScalar } from './date-time-scalar.js';
/** Names two schemas would both declare, which mergeSchemas would silently union. */
export { findSchemaCollisions } from './schema-collisions.js';
/** One context builder shared by HTTP and WebSocket. */
export {
  createContextFactory,
  type ContextFactory,
  type ContextRequest,
  type ContextSource,
} from './context.js';
/** Turns thrown errors into client-facing errors: codes, masking, no stack traces in production. */
export { createFormatError, type FormatError, type FormatErrorOptions } from './format-error.js';
/** Validation rules that bound the cost of one operation. */
export { createDepthLimitRule, createRootFieldLimitRule } from './limits.js';
/** Typed topics over @graphql-yoga/subscription, usable as type-graphql's pubSub. */
export {
  createTypedPubSub,
  type SchemaPubSub,
  type TopicName,
  type TypedPubSub,
} from './pubsub.js';
