import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { ConfigError } from '../src/errors.js';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('config', () => {
  it('with no chat credentials runs in local mode on the embedded default', () => {
    const config = loadConfig({});
    expect(config.localMode).toBe(true);
    expect(config.env.DATABASE_PATH).toBe('./data/compute-advice.db');
    expect(config.env.PORT).toBe(3978);
  });

  it('reads LENS_PATHS as lens files in order, none by default', () => {
    expect(loadConfig({}).env.LENS_PATHS).toEqual([]);
    expect(loadConfig({ LENS_PATHS: ' lenses/acme.yaml, lenses/bank.yaml ,' }).env.LENS_PATHS).toEqual([
      'lenses/acme.yaml',
      'lenses/bank.yaml',
    ]);
  });

  it('starts Slack over HTTP with a signing secret, or Socket Mode with an app token', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).slack).toMatchObject({
      botToken: 'xoxb-1',
      signingSecret: 's',
    });
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slack?.appToken).toBe('xapp-1');
  });

  it('names each bad variable and what is allowed', () => {
    expect(problems({ PORT: 'eighty' }).join('\n')).toMatch(/^PORT: /m);
    expect(problems({ LOG_LEVEL: 'loud' }).join('\n')).toMatch(/LOG_LEVEL: got "loud"; allowed: fatal, error, warn, info/);
    expect(problems({ SLACK_BOT_TOKEN: 'xoxp-user' }).join('\n')).toMatch(/SLACK_BOT_TOKEN: must be a bot token starting with xoxb-/);
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1' }).join('\n')).toMatch(/SLACK_SIGNING_SECRET: required/);
    expect(problems({ SLACK_SIGNING_SECRET: 's' }).join('\n')).toMatch(/SLACK_BOT_TOKEN: required/);
    expect(problems({ MicrosoftAppId: 'abc' }).join('\n')).toMatch(/MicrosoftAppPassword: required/);
    expect(problems({ MicrosoftAppId: 'abc', MicrosoftAppPassword: 'p', MicrosoftAppType: 'SingleTenant' }).join('\n')).toMatch(
      /MicrosoftAppTenantId: required/,
    );
  });

  it('never echoes a secret in an error', () => {
    const text = problems({ SLACK_BOT_TOKEN: 'xoxp-very-secret-user-token' }).join('\n');
    expect(text).not.toContain('very-secret');
  });
});
