import { describe, expect, it, vi } from 'vitest';
import type { AppServices } from '../../src/app/services.js';
import type { SlackDeps as Deps } from '../../src/slack/slack-deps.js';
import { createLogger } from '../../src/logger.js';
import { forInteractiveWork, type RespondFn, type SlackClient, type SlackDeps } from '../../src/slack/slack-deps.js';
import { callSlack, postMessage, replaceClickedMessage, RESPOND_TIMEOUT_MS } from '../../src/slack/slack-post.js';
import { WorkTracker } from '../../src/slack/work-tracker.js';

function depsWith(work: WorkTracker): SlackDeps {
  // callSlack reads only the work tracker, the interactive flag and (on failure) the logger
  return { services: {} as AppServices, conversation: {} as Deps['conversation'], logger: createLogger({ level: 'silent' }), adminUserIds: new Set(), work };
}

/** Whether the call ran before an immediate queued at the same moment: i.e. callSlack did not give up a turn first. */
async function ranBeforeNextTurn(deps: SlackDeps): Promise<boolean> {
  const order: string[] = [];
  const turn = new Promise<void>((resolve) => setImmediate(() => {
    order.push('turn');
    resolve();
  }));
  const result = await callSlack(deps, 'chat.postMessage', {}, async () => {
    order.push('call');
    return 'ts';
  });
  await turn;
  expect(result).toEqual({ ok: true, value: 'ts' });
  return order[0] === 'call';
}

describe('callSlack: the event-loop turn before a Web API call', () => {
  it('background work always gives up a turn first, so acks that are due go before the post', async () => {
    const work = new WorkTracker();
    expect(await ranBeforeNextTurn(depsWith(work))).toBe(false);
  });

  it('interactive work calls at once when no request is open, and gives up a turn while one is', async () => {
    const work = new WorkTracker();
    const deps = forInteractiveWork(depsWith(work));
    expect(deps.interactive).toBe(true);
    expect(await ranBeforeNextTurn(deps)).toBe(true);
    const close = work.requestOpened();
    expect(await ranBeforeNextTurn(deps)).toBe(false);
    close();
    expect(await ranBeforeNextTurn(deps)).toBe(true);
  });

  it('forInteractiveWork leaves the original deps as they were', () => {
    const deps = depsWith(new WorkTracker());
    const interactive = forInteractiveWork(deps);
    expect(deps.interactive).toBeUndefined();
    expect(interactive.work).toBe(deps.work);
    expect(forInteractiveWork(interactive)).toBe(interactive);
  });
});

describe('replaceClickedMessage: a response_url that never answers', () => {
  it('gives up after RESPOND_TIMEOUT_MS and reports a failure, so the caller falls back to chat.update', async () => {
    vi.useFakeTimers();
    try {
      const deps = forInteractiveWork(depsWith(new WorkTracker()));
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
    const work = new WorkTracker();
    const seen: unknown[] = [];
    const client = { chat: { postMessage: async (args: { blocks?: unknown }) => { seen.push(args.blocks); return { ok: true, ts: '1.2' }; } } };
    const blocks = [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: 'Which runtime? &lt;x&gt;' } }];
    const result = await postMessage(depsWith(work), client as unknown as SlackClient, { channel: 'C1', text: 'q', blocks, threadTs: '1.1' });
    expect(result).toEqual({ ok: true, value: '1.2' });
    expect(typeof seen[0]).toBe('string');
    expect(JSON.parse(seen[0] as string)).toEqual(blocks);
  });
});
