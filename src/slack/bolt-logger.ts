import type { LogLevel as BoltLogLevel, Logger as BoltLogger } from '@slack/bolt';
import { LogLevel } from './bolt.js';
import type { Logger } from '../logger.js';
import { scrubSecrets } from '../logger.js';

const TO_PINO: Record<BoltLogLevel, 'debug' | 'info' | 'warn' | 'error'> = {
  [LogLevel.DEBUG]: 'debug',
  [LogLevel.INFO]: 'info',
  [LogLevel.WARN]: 'warn',
  [LogLevel.ERROR]: 'error',
};

function describe(part: unknown): string {
  if (typeof part === 'string') return part;
  if (part instanceof Error) return part.message;
  try {
    return JSON.stringify(part);
  } catch {
    return String(part);
  }
}

/**
 * Bolt and @slack/web-api log through this, so their lines land in pino with the same redaction.
 * Bolt passes free-form arguments (sometimes request bodies): they are joined into one message and token
 * shapes are scrubbed before pino sees them.
 */
export function boltLoggerFor(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'bolt' });
  let level: BoltLogLevel = LogLevel.INFO;
  const write =
    (at: BoltLogLevel) =>
    (...msg: unknown[]) => {
      // the Web API client builds debug lines (request bodies) on every call: skip them cheaply when not wanted
      if (!child.isLevelEnabled(TO_PINO[at])) return;
      const err = msg.find((m): m is Error => m instanceof Error);
      const text = scrubSecrets(msg.map(describe).join(' '));
      if (err) child[TO_PINO[at]]({ err }, text);
      else child[TO_PINO[at]](text);
    };
  return {
    debug: write(LogLevel.DEBUG),
    info: write(LogLevel.INFO),
    warn: write(LogLevel.WARN),
    error: write(LogLevel.ERROR),
    setLevel(next: BoltLogLevel) {
      // pino's own level stays the single source of truth; remember Bolt's wish for getLevel only
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
