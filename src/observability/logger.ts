import { pino, type Logger as PinoLogger } from 'pino';

/** Structured logger (pino): JSON lines, child loggers carry context fields. */
export type Logger = PinoLogger;

export interface LoggerOptions {
  /** pino level name. @default 'info' */
  readonly level?: string;
  /** Service name stamped on every line. @default 'hololoom' */
  readonly name?: string;
}

/** Creates the process logger; modules receive it (or a child) through their deps. */
export function createLogger({ level = 'info', name = 'hololoom' }: LoggerOptions = {}): Logger {
  return pino({ level, name, base: { name } });
}

/** A logger that drops everything, for tests and tools that must stay quiet. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
