import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { ConfigError } from '../src/errors.js';

function problems(env: Record<string, string>, options: { server?: boolean } = {}): string[] {
  try {
    loadConfig(env, options);
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

  it('refuses ports in any form but decimal digits, intervals without a floor, and a Slack API URL that is not https', () => {
    expect(problems({ PORT: '' }).join('\n')).toMatch(/^PORT: must be a port number from 0 to 65535, in decimal digits/m);
    expect(problems({ PORT: '0x10' }).join('\n')).toMatch(/^PORT: /m);
    expect(problems({ PORT: '1e3' }).join('\n')).toMatch(/^PORT: /m);
    expect(problems({ PORT: '70000' }).join('\n')).toMatch(/^PORT: /m);
    expect(loadConfig({ PORT: '8080' }).env.PORT).toBe(8080);
    expect(problems({ EXPIRE_AFTER_DAYS: '0.0001' }).join('\n')).toMatch(/EXPIRE_AFTER_DAYS: must be at least 1 days/);
    expect(problems({ REMINDER_AFTER_HOURS: '0.01' }).join('\n')).toMatch(/REMINDER_AFTER_HOURS: must be at least 1 hours/);
    expect(problems({ REMINDER_AFTER_HOURS: '200', EXPIRE_AFTER_DAYS: '7' }).join('\n')).toMatch(/REMINDER_AFTER_HOURS: must be shorter/);
    const slack = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' };
    expect(problems({ ...slack, SLACK_API_URL: 'file:///etc/passwd' }).join('\n')).toMatch(/SLACK_API_URL: must be an https:\/\/ URL/);
    expect(problems({ ...slack, SLACK_API_URL: 'http://attacker.example/api/' }).join('\n')).toMatch(/SLACK_API_URL: must be an https/);
    expect(loadConfig({ ...slack, SLACK_API_URL: 'http://127.0.0.1:9999/api/' }).slack?.apiUrl).toBe('http://127.0.0.1:9999/api/');
    expect(loadConfig({ ...slack, SLACK_API_URL: 'https://slack-gov.com/api/' }).slack?.apiUrl).toBe('https://slack-gov.com/api/');
  });

  it('an empty HOST means unset; the server refuses the local mode off loopback or in production', () => {
    expect(loadConfig({ HOST: '' }).env.HOST).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '' }, { server: true }).localMode).toBe(true);
    // the CLI reads the same configuration without listening: it may run anywhere
    expect(loadConfig({ HOST: '0.0.0.0', NODE_ENV: 'production' }).localMode).toBe(true);
    expect(problems({ HOST: '0.0.0.0' }, { server: true }).join('\n')).toMatch(/HOST 0\.0\.0\.0 is not a loopback address/);
    expect(problems({ NODE_ENV: 'production' }, { server: true }).join('\n')).toMatch(/NODE_ENV is production/);
    expect(problems({ HOST: 'example.com' }, { server: true })).toHaveLength(1);
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', 'localhost'])
      expect(loadConfig({ HOST: host }, { server: true }).localMode).toBe(true);
    // with credentials the server may listen anywhere
    expect(
      loadConfig({ HOST: '0.0.0.0', NODE_ENV: 'production', MicrosoftAppId: 'a', MicrosoftAppPassword: 'p' }, { server: true }).teams,
    ).toBeDefined();
  });

  it('never echoes a secret in an error', () => {
    const text = problems({ SLACK_BOT_TOKEN: 'xoxp-very-secret-user-token' }).join('\n');
    expect(text).not.toContain('very-secret');
  });
  it('reads SIGNOFF_REMINDER_HOURS as whole hours from 1 to 2160, 24 by default, and names it with the range when bad', () => {
    expect(loadConfig({}).env.SIGNOFF_REMINDER_HOURS).toBe(24);
    expect(loadConfig({ SIGNOFF_REMINDER_HOURS: ' 48 ' }).env.SIGNOFF_REMINDER_HOURS).toBe(48);
    for (const bad of ['abc', '0', '1.5', '-3', '', '2161']) {
      expect(problems({ SIGNOFF_REMINDER_HOURS: bad })).toEqual([
        expect.stringMatching(/^SIGNOFF_REMINDER_HOURS: .*must be a whole number of hours from 1 to 2160$/),
      ]);
    }
  });

  it('reads PUBLIC_URL as an https address (http only on loopback), ADR_LINK_DAYS 7 by default, and a long ADR_LINK_SECRET', () => {
    const config = loadConfig({ PUBLIC_URL: 'https://bot.example.com/compute', ADR_LINK_SECRET: 'x'.repeat(32) });
    expect(config.env.PUBLIC_URL).toBe('https://bot.example.com/compute');
    expect(config.env.ADR_LINK_DAYS).toBe(7);
    expect(loadConfig({ PUBLIC_URL: 'http://127.0.0.1:3978' }).env.PUBLIC_URL).toBe('http://127.0.0.1:3978');
    expect(loadConfig({ PUBLIC_URL: '' }).env.PUBLIC_URL).toBeUndefined();
    for (const bad of ['http://bot.example.com', 'https://bot.example.com/?a=1', 'bot.example.com', 'https://u:p@bot.example.com']) {
      expect(problems({ PUBLIC_URL: bad })).toEqual([expect.stringMatching(/^PUBLIC_URL: .*must be the https:\/\/ address/)]);
    }
    expect(problems({ ADR_LINK_SECRET: 'short' })).toEqual([expect.stringMatching(/^ADR_LINK_SECRET: .*at least 32 characters/)]);
    expect(problems({ ADR_LINK_SECRET: 'short' }).join('')).not.toContain('"short"');
    expect(problems({ ADR_LINK_DAYS: '0' })).toEqual([expect.stringMatching(/^ADR_LINK_DAYS: .*from 1 to 90/)]);
  });
});
