/** Environment → validated, frozen Config. */
export { ConfigError, loadConfig, type Config } from './load-config.js';
