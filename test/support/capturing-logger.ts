import { Writable } from 'node:stream';

import { pino } from 'pino';

import type { Logger } from '../../src/observability/index.js';

/** A logger whose lines a test can read, and wait for. */
export interface CapturingLogger {
  readonly logger: Logger;
  /** Every JSON line written so far. */
  readonly lines: string[];
  /** Resolves once `times` lines contain `text`. */
  readonly waitFor: (text: string, times?: number) => Promise<void>;
}

export function capturingLogger(level: 'debug' | 'info' = 'debug'): CapturingLogger {
  const lines: string[] = [];
  const waiters: (() => void)[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      waiters.splice(0).forEach((check) => {
        check();
      });
      done();
    },
  });
  const count = (text: string): number => lines.filter((line) => line.includes(text)).length;
  const waitFor = (text: string, times = 1): Promise<void> =>
    new Promise((resolve) => {
      const check = (): void => {
        if (count(text) >= times) {
          resolve();
        } else {
          waiters.push(check);
        }
      };
      check();
    });
  return { logger: pino({ level }, sink), lines, waitFor };
}
