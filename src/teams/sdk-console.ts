import { format } from 'node:util';
import type { Logger } from '../logger.js';

/**
 * botbuilder writes to the console: botframework-connector prints key-lookup failures and expired-token errors with
 * their stacks (console.error), CloudAdapter its request errors. While a Teams bot runs, console.error and console.warn
 * go to the log instead (one JSON line, secrets scrubbed like every other line), through the logger of the most
 * recently started bot. The originals come back when the last bot stops.
 */

const loggers: Logger[] = [];
let originals: { error: typeof console.error; warn: typeof console.warn } | undefined;

function route(level: 'error' | 'warn') {
  return (...args: unknown[]) => {
    const logger = loggers[loggers.length - 1];
    if (!logger) return;
    const err = args.find((a): a is Error => a instanceof Error);
    const message = format(...args.map((a) => (a instanceof Error ? a.message : a)));
    logger[level]({ component: 'botbuilder', ...(err ? { err } : {}) }, message.split('\n')[0] ?? '');
  };
}

/** Routes console.error and console.warn to `logger` until the returned function is called. */
export function routeSdkConsole(logger: Logger): () => void {
  if (!originals) {
    originals = { error: console.error, warn: console.warn };
    console.error = route('error');
    console.warn = route('warn');
  }
  loggers.push(logger);
  let routed = true;
  return () => {
    if (!routed) return;
    routed = false;
    loggers.splice(loggers.lastIndexOf(logger), 1);
    if (loggers.length === 0 && originals) {
      console.error = originals.error;
      console.warn = originals.warn;
      originals = undefined;
    }
  };
}
