import { describe, expect, it } from 'vitest';
import type { ReviewListItem } from '../../src/app/review-record.js';
import { STEADY_API_ANSWERS } from '../helpers/steady-api-answers.js';
import { servicesForEachTest } from '../security/helpers/reviews.js';

const services = servicesForEachTest();

const place = (channelId: string, n: number) => ({
  platform: 'slack' as const,
  workspaceId: 'T1',
  channelId,
  threadRef: `1712345678.${String(n).padStart(6, '0')}`,
});

let threads = 0;
async function review(channelId: string, name: string, finished = true): Promise<string> {
  const { review } = await services().reviews.start(place(channelId, ++threads), 'U_REQ', name);
  if (finished) for (const text of STEADY_API_ANSWERS) await services().reviews.answer(review.id, 'U_REQ', { text });
  return review.id;
}

/** What one review's own record says, in the list's terms: the list must agree with it field for field. */
async function fromRecord(item: ReviewListItem) {
  const record = (await services().records.get(item.id))!;
  return {
    recordStatus: record.recordStatus,
    signOff: record.signOff,
    decision: record.decisions.at(-1)?.model ?? null,
    recommended: record.recommendation?.result.recommended ?? null,
  };
}

describe('the reviews list', () => {
  it('reads each review as its own record does: sign-off, latest decision, superseded by a later review of the workload', async () => {
    const approved = await review('C1', 'ledger');
    await services().signOffs.request(approved, 'U_REQ', ['U_A']);
    await services().signOffs.act(approved, 'U_A', 'approved');
    const changes = await review('C1', 'billing');
    await services().signOffs.request(changes, 'U_REQ', ['U_A', 'U_B']);
    await services().signOffs.act(changes, 'U_A', 'approved');
    await services().signOffs.act(changes, 'U_B', 'changes_requested', { note: 'add egress' });
    const pending = await review('C2', 'search');
    await services().signOffs.request(pending, 'U_REQ', ['U_A']);
    const decided = await review('C2', 'reports');
    await services().reviews.recordDecision(decided, 'U_REQ', 'vm');
    await services().reviews.recordDecision(decided, 'U_REQ', 'containers');
    // the same workload again in C1 supersedes the first ledger review; in another channel it would not
    const ledgerAgain = await review('C1', 'Ledger');
    const ledgerElsewhere = await review('C3', 'ledger');
    const unfinished = await review('C1', 'draft', false);

    const items = await services().records.list({ limit: 50 });
    expect(items.map((i) => i.id)).toEqual([unfinished, ledgerElsewhere, ledgerAgain, decided, pending, changes, approved]);
    const byId = new Map(items.map((i) => [i.id, i]));
    expect(byId.get(approved)).toMatchObject({ signOff: 'approved', recordStatus: 'superseded' });
    expect(byId.get(changes)).toMatchObject({ signOff: 'changes_requested', recordStatus: 'rejected' });
    expect(byId.get(pending)).toMatchObject({ signOff: 'pending', recordStatus: 'proposed' });
    expect(byId.get(decided)).toMatchObject({ decision: 'containers', signOff: 'not_requested' });
    expect(byId.get(ledgerAgain)).toMatchObject({ recordStatus: 'proposed' });
    expect(byId.get(ledgerElsewhere)).toMatchObject({ recordStatus: 'proposed' });
    expect(byId.get(unfinished)).toMatchObject({ status: 'in_progress', recommended: null, signOff: 'not_requested' });
    for (const item of items) {
      const { recordStatus, signOff, decision, recommended } = item;
      expect({ recordStatus, signOff, decision, recommended }, item.id).toEqual(await fromRecord(item));
    }
  });

  it('an answer changed after approval: the approval lapsed, in the list as on the record', async () => {
    const id = await review('C1', 'ledger');
    await services().signOffs.request(id, 'U_REQ', ['U_A']);
    await services().signOffs.act(id, 'U_A', 'approved');
    expect((await services().records.list({ limit: 5 }))[0]).toMatchObject({ signOff: 'approved', recordStatus: 'accepted' });
    const traffic = services().script.questions.find((q) => q.field === 'traffic')!;
    await services().reviews.change(id, 'U_REQ', traffic.id);
    const [item] = await services().records.list({ limit: 5 });
    expect(item).toMatchObject({ status: 'in_progress', signOff: 'pending', recordStatus: 'proposed' });
    expect({ recordStatus: item!.recordStatus, signOff: item!.signOff }).toEqual({
      recordStatus: (await fromRecord(item!)).recordStatus,
      signOff: (await fromRecord(item!)).signOff,
    });
  });
});
