/** Environment → validated, frozen Config. */
export { ConfigError, loadConfig, type Config, type Neo4jSettings } from './load-config.js';
