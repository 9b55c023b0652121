import * as BoltIndex from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import * as bolt from '../../src/slack/bolt.js';

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
