/** Composition root: config in, a wired application out. */
export { createApp, type App, type CreateAppOptions } from './create-app.js';
export { TENANT_HEADER } from './tenant.js';
export { buildApiSchema, renderApiSchema, SCHEMA_FILE } from './schema-file.js';
