/** Logging and timing. */
export { createLogger, createSilentLogger, type Logger, type LoggerOptions } from './logger.js';
