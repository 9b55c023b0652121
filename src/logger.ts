import { createRequire } from 'node:module';
import { pino, type Logger, type DestinationStream } from 'pino';

/**
 * pino's redact paths match one level per wildcard, so common token locations are listed; the deep scrub below
 * catches the rest (a config or env object logged whole, child bindings, errors carrying objects).
 * test/logger.test.ts and test/security/secrets.test.ts prove none reach the output.
 */
export const REDACT_PATHS = [
  'token',
  '*.token',
  '*.*.token',
  'botToken',
  '*.botToken',
  'appToken',
  '*.appToken',
  'signingSecret',
  '*.signingSecret',
  'password',
  '*.password',
  '*.*.password',
  'MicrosoftAppPassword',
  '*.MicrosoftAppPassword',
  'appPassword',
  '*.appPassword',
  'authorization',
  '*.authorization',
  '*.*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'headers["x-slack-signature"]',
  '*.headers["x-slack-signature"]',
  'client_secret',
  '*.client_secret',
];

const REDACTED = '[REDACTED]';

/** Token shapes scrubbed from free text (error messages can quote request bodies). */
const TOKEN_PATTERN = /\b(xox[abposre]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+|eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)/g;

/** Keys whose values are secrets wherever they appear. */
const SECRET_KEY = /token|secret|password|authorization|signature|credential|api[-_]?key/i;

export function scrubSecrets(text: string): string {
  return text.replace(TOKEN_PATTERN, REDACTED);
}

/** Deep copy with secret-named keys and token-shaped strings replaced; cycles and depth bounded. */
export function scrubValue(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return scrubSecrets(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8 || seen.has(value)) return '[…]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1, seen));
  const out: Record<string, unknown> = {};
  if (value instanceof Error) {
    out.type = value.name;
    out.message = scrubSecrets(value.message);
    if (value.stack) out.stack = scrubSecrets(value.stack);
  }
  for (const [key, inner] of Object.entries(value)) {
    out[key] =
      SECRET_KEY.test(key) && inner !== undefined && inner !== null && inner !== '' ? REDACTED : scrubValue(inner, depth + 1, seen);
  }
  return out;
}

/** pino serialises child bindings without the log formatter, so scrub them on the way in. */
function scrubChildBindings(logger: Logger): Logger {
  const child = logger.child.bind(logger);
  logger.child = ((bindings: Record<string, unknown>, childOptions?: object) =>
    scrubChildBindings(child(scrubValue(bindings) as Record<string, unknown>, childOptions))) as unknown as Logger['child'];
  return logger;
}

export type LogFormat = 'json' | 'pretty';

export interface LoggerOptions {
  level?: string;
  /** json (default): one JSON object per line. pretty: readable lines for a person at a terminal. */
  format?: LogFormat;
  destination?: DestinationStream;
}

/** LOG_FORMAT=auto picks readable lines only for someone watching: local mode at a terminal. */
export function resolveLogFormat(setting: 'auto' | LogFormat, localMode: boolean, isTerminal: boolean): LogFormat {
  if (setting !== 'auto') return setting;
  return localMode && isTerminal ? 'pretty' : 'json';
}

/** pino-pretty as a synchronous stream (no worker thread), loaded only when asked for. */
function prettyStream(destination: DestinationStream | undefined): DestinationStream {
  const pretty = createRequire(import.meta.url)('pino-pretty') as (options: object) => DestinationStream;
  return pretty({
    colorize: destination === undefined && process.stdout.isTTY === true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,app',
    singleLine: true,
    sync: true,
    ...(destination ? { destination } : {}),
  });
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const destination = options.format === 'pretty' ? prettyStream(options.destination) : options.destination;
  return scrubChildBindings(
    pino(
      {
        level: options.level ?? 'info',
        base: { app: 'compute-advice' },
        redact: { paths: REDACT_PATHS, censor: REDACTED },
        formatters: {
          log: (object) => scrubValue(object) as Record<string, unknown>,
        },
        hooks: {
          logMethod(args, method) {
            // Scrub every argument, so printf-style %o/%j objects and message strings are covered too.
            method.apply(this, args.map((a) => scrubValue(a)) as typeof args);
          },
        },
      },
      destination,
    ),
  );
}

export type { Logger };
