import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { boltLoggerFor } from '../../src/slack/bolt-logger.js';

describe('Bolt logs go through pino without tokens', () => {
  it('joins Bolt arguments, scrubs token shapes, and keeps levels', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', destination: { write: (l: string) => void lines.push(l) } });
    const bolt = boltLoggerFor(logger);
    bolt.debug('http request body:', { token: 'xoxb-123-456-secret', channel: 'C1' });
    bolt.warn('Failed with xapp-1-A111-222-abc');
    bolt.error(new Error('auth failed for xoxb-999-888-zzz'));
    const out = lines.join('\n');
    expect(out).not.toMatch(/xoxb-|xapp-/);
    expect(out).toContain('[REDACTED]');
    expect(out).toContain('"component":"bolt"');
    const levels = lines.map((l) => (JSON.parse(l) as { level: number }).level);
    expect(levels).toEqual([20, 40, 50]);
  });
});
