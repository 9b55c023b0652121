import { describe, expect, it } from 'vitest';
import type { Services } from '../../src/app/services.js';
import { createLogger } from '../../src/logger.js';
import { forInteractiveWork, type SlackDeps } from '../../src/slack/slack-deps.js';
import { callSlack } from '../../src/slack/slack-post.js';
import { WorkTracker } from '../../src/slack/work-tracker.js';

function depsWith(work: WorkTracker): SlackDeps {
  // callSlack reads only the work tracker, the interactive flag and (on failure) the logger
  return { services: {} as Services, logger: createLogger({ level: 'silent' }), adminUserIds: new Set(), work, eventsInFlight: new Set() };
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
