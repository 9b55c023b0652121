import { spawnSync } from 'node:child_process';
import * as BoltIndex from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import * as bolt from '../../src/slack/bolt.js';
import { builtFile, REPO_ROOT } from '../helpers/built.js';

describe("Bolt's values, loaded past its index", () => {
  it('are the very ones the index exports', () => {
    expect(bolt.App).toBe(BoltIndex.App);
    expect(bolt.HTTPReceiver).toBe(BoltIndex.HTTPReceiver);
    expect(bolt.AuthorizationError).toBe(BoltIndex.AuthorizationError);
    expect(bolt.LogLevel).toBe(BoltIndex.LogLevel);
    expect(bolt.WebClient).toBe(BoltIndex.webApi.WebClient);
  });

  it('are real classes and levels, not undefined', () => {
    expect(typeof bolt.App).toBe('function');
    expect(typeof bolt.HTTPReceiver).toBe('function');
    expect(new bolt.AuthorizationError('no', new Error('cause')).code).toBe('slack_bolt_authorization_error');
    expect(bolt.LogLevel.INFO).toBe('info');
  });
});

describe('Socket Mode, loaded only when a Socket Mode receiver is built', () => {
  /** Runs a script in a fresh node (a clean module cache) against the built bolt.ts; returns what it printed. */
  const run = (body: string): Record<string, unknown> => {
    const script = `
      const { createRequire } = await import('node:module');
      const req = createRequire(import.meta.url);
      const loaded = (part) => Object.keys(req.cache).some((file) => file.includes(part));
      const bolt = await import(${JSON.stringify(builtFile('src/slack/bolt.js'))});
      ${body}
    `;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: REPO_ROOT });
    expect(result.stderr).toBe('');
    return JSON.parse(result.stdout) as Record<string, unknown>;
  };

  it('an app on the HTTP receiver never loads @slack/socket-mode or undici', () => {
    const seen = run(`
      new bolt.App({ token: 'xoxb-1', signingSecret: 's', deferInitialization: true, receiver: new bolt.HTTPReceiver({ signingSecret: 's' }) });
      // the stand-in is the package's one entry in the module cache: none of its real files loaded
      const socketModeFiles = Object.keys(req.cache).filter((file) => file.includes('/@slack/socket-mode/')).length;
      process.stdout.write(JSON.stringify({ undici: loaded('/undici/'), socketModeFiles }));
    `);
    expect(seen).toEqual({ undici: false, socketModeFiles: 1 });
  });

  it('an app in Socket Mode gets the real client, and undici with it', () => {
    const seen = run(`
      const before = loaded('/undici/');
      const app = new bolt.App({ token: 'xoxb-1', appToken: 'xapp-1', socketMode: true, deferInitialization: true });
      const { SocketModeClient } = req(req.resolve('@slack/socket-mode', { paths: [req.resolve('@slack/bolt')] }));
      process.stdout.write(JSON.stringify({ before, after: loaded('/undici/'), realClient: app.receiver.client instanceof SocketModeClient }));
    `);
    expect(seen).toEqual({ before: false, after: true, realClient: true });
  });
});
