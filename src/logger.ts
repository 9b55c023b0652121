import { pino, type Logger, type DestinationStream } from 'pino';

/**
 * pino's redact paths match one level per wildcard, so deeper token locations are listed explicitly.
 * test/logger.test.ts proves none of these reach the output.
 */
export const REDACT_PATHS = [
  'token', '*.token', '*.*.token', 'botToken', '*.botToken', 'appToken', '*.appToken',
  'signingSecret', '*.signingSecret', 'password', '*.password', '*.*.password',
  'MicrosoftAppPassword', '*.MicrosoftAppPassword', 'appPassword', '*.appPassword',
  'authorization', '*.authorization', '*.*.authorization', 'headers.authorization', 'req.headers.authorization',
  'headers["x-slack-signature"]', '*.headers["x-slack-signature"]', 'client_secret', '*.client_secret',
];

/** Token shapes scrubbed from free text (error messages can quote request bodies). */
const TOKEN_PATTERN = /\b(xox[abposr]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+|eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)/g;

export function scrubSecrets(text: string): string {
  return text.replace(TOKEN_PATTERN, '[REDACTED]');
}

export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { app: 'compute-advice' },
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      formatters: {
        log(object) {
          // Error messages and stacks are free text: scrub token shapes from them as well.
          const err = object.err as { message?: string; stack?: string } | undefined;
          if (err && typeof err === 'object') {
            return { ...object, err: { ...err, message: err.message && scrubSecrets(err.message), stack: err.stack && scrubSecrets(err.stack) } };
          }
          return object;
        },
      },
      hooks: {
        logMethod(args, method) {
          // Scrub token shapes in the message string too.
          const scrubbed = args.map((a) => (typeof a === 'string' ? scrubSecrets(a) : a)) as typeof args;
          method.apply(this, scrubbed);
        },
      },
    },
    options.destination,
  );
}

export type { Logger };
