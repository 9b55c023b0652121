import { describe, expect, it } from 'vitest';
import type { FakeSlackApi, RecordedCall } from '../e2e/fake-slack-api.js';
import { blockKitProblems, liveBroadcastMentions } from './helpers/sent-messages.js';

const call = (params: Record<string, unknown>): RecordedCall => ({
  method: 'chat.postMessage',
  params,
  authorized: true,
  status: 200,
  at: 0,
});
const api = (calls: RecordedCall[]) => ({ calls }) as unknown as FakeSlackApi;

describe('the e2e checkers themselves', () => {
  it('find live broadcast mentions in mrkdwn and message text, not in plain_text', () => {
    const live = call({ text: 'x', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hi <!here>' } }] });
    const bare = call({ text: 'hello @channel', blocks: [] });
    const inert = call({
      text: '&lt;!channel&gt; @\u200bchannel',
      blocks: [{ type: 'header', text: { type: 'plain_text', text: '<!channel>' } }],
    });
    expect(liveBroadcastMentions(api([live]))).toHaveLength(1);
    expect(liveBroadcastMentions(api([bare]))).toHaveLength(1);
    expect(liveBroadcastMentions(api([inert]))).toEqual([]);
  });

  it('report Block Kit problems', () => {
    const tooMany = call({ text: 't', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) });
    expect(blockKitProblems([tooMany])).toHaveLength(1);
  });
});
