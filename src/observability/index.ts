/** Logging, live metrics, the Prometheus exporter and timing spans. */
export { createLogger, createSilentLogger, type Logger, type LoggerOptions } from './logger.js';
export * from './metrics/index.js';
export * from './profiler/index.js';
