import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findRepoFile } from '../../src/content/find-repo-file.js';
import { COMMAND_NAME } from '../../src/slack/index.js';

interface Manifest {
  display_information: { name: string; description: string; long_description?: string };
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean; messages_tab_read_only_enabled: boolean };
    bot_user: { display_name: string };
    slash_commands: Array<{ command: string; description: string; usage_hint?: string; should_escape?: boolean }>;
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] }; interactivity: { is_enabled: boolean }; socket_mode_enabled: boolean };
}

const manifest = parse(readFileSync(findRepoFile('manifest.yml'), 'utf8')) as Manifest;
const docs = readFileSync(findRepoFile('docs/SLACK.md'), 'utf8');

describe('manifest.yml', () => {
  it('declares the command, events, interactivity, App Home and Socket Mode the app uses', () => {
    const command = manifest.features.slash_commands.find((c) => c.command === COMMAND_NAME);
    expect(command?.usage_hint).toMatch(/workload name/);
    expect(command?.should_escape).toBe(true); // `add @someone` needs <@U…> ids
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual([
      'app_home_opened',
      'app_mention',
      'message.channels',
      'message.groups',
      'message.im',
    ]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_read_only_enabled).toBe(false);
  });

  it('asks for the least scopes that work, each explained in docs/SLACK.md', () => {
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual([
      'app_mentions:read',
      'channels:history',
      'chat:write',
      'commands',
      'files:write',
      'groups:history',
      'im:history',
      'users:read',
    ]);
    for (const scope of manifest.oauth_config.scopes.bot) expect(docs).toContain(`| \`${scope}\` |`);
  });

  it('stays within Slack field limits', () => {
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(139);
    const long = manifest.display_information.long_description ?? '';
    expect(long.length).toBeGreaterThanOrEqual(175);
    expect(long.length).toBeLessThanOrEqual(4000);
    for (const c of manifest.features.slash_commands) {
      expect(c.description.length).toBeLessThanOrEqual(100);
      expect((c.usage_hint ?? '').length).toBeLessThanOrEqual(1000);
    }
    expect(manifest.features.bot_user.display_name.length).toBeLessThanOrEqual(80);
  });
});
