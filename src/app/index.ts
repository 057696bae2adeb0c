/** Composition root: config in, a wired (and served) application out. */
export { createApp, type App, type CreateAppOptions } from './create-app.js';
export { buildApiSchema, renderApiSchema, SCHEMA_FILE } from './schema-file.js';
export { MAX_QUERY_DEPTH, MAX_ROOT_FIELDS, serve, type Serving } from './serve.js';
export { TENANT_HEADER, TENANT_PATTERN } from './tenant.js';
