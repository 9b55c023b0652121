import { describe, expect, it, vi } from 'vitest';
import type { AppServices } from '../../src/app/services.js';
import { createLogger } from '../../src/logger.js';
import type { RespondFn, SlackClient, SlackDeps } from '../../src/slack/slack-deps.js';
import { ChannelAudiences } from '../../src/slack/channel-audience.js';
import { postMessage, replaceClickedMessage, RESPOND_TIMEOUT_MS } from '../../src/slack/slack-post.js';

function depsWith(): SlackDeps {
  // the Web API helpers read only the logger (on failure)
  return {
    services: {} as AppServices,
    conversation: {} as SlackDeps['conversation'],
    logger: createLogger({ level: 'silent' }),
    adminUserIds: new Set(),
    audiences: new ChannelAudiences(),
  };
}

describe('replaceClickedMessage: a response_url that never answers', () => {
  it('gives up after RESPOND_TIMEOUT_MS and reports a failure, so the caller falls back to chat.update', async () => {
    vi.useFakeTimers();
    try {
      const deps = depsWith();
      const asked: unknown[] = [];
      const respond = ((message: unknown) => {
        asked.push(message);
        return new Promise(() => {}); // never settles
      }) as unknown as RespondFn;
      let settled: boolean | undefined;
      const replaced = replaceClickedMessage(deps, respond, { channel: 'C1', text: 'answered', blocks: [] }).then((ok) => (settled = ok));
      await vi.advanceTimersByTimeAsync(RESPOND_TIMEOUT_MS - 1);
      expect(settled).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1);
      await replaced;
      expect(settled).toBe(false);
      expect(asked).toEqual([{ replace_original: true, text: 'answered', blocks: [] }]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('postMessage: blocks go to the Web API client as JSON text', () => {
  it('hands the client the text the form body carries, so the SDK does not copy the blocks for its debug line', async () => {
    const seen: unknown[] = [];
    const client = {
      chat: {
        postMessage: async (args: { blocks?: unknown }) => {
          seen.push(args.blocks);
          return { ok: true, ts: '1.2' };
        },
      },
    };
    const blocks = [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: 'Which runtime? &lt;x&gt;' } }];
    const result = await postMessage(depsWith(), client as unknown as SlackClient, {
      channel: 'C1',
      text: 'q',
      blocks,
      threadTs: '1.1',
    });
    expect(result).toEqual({ ok: true, value: '1.2' });
    expect(typeof seen[0]).toBe('string');
    expect(JSON.parse(seen[0] as string)).toEqual(blocks);
  });
});
