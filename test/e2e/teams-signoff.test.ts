/**
 * Sign-off on Teams over real HTTP on loopback (real CloudAdapter, fake Bot Connector): approvers named with
 * mentions, Universal Actions (`adaptiveCard/action` invokes) for the approvers' own view, Approve and Request
 * changes, a non-approver refused with a reply of their own and nothing stored, approvals lapsing when an answer
 * changes, and the record's status and the channel's weekly digest (a proactive card from the scheduler) following.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { texts } from '../../src/conversation/texts.js';
import { createDigestScheduler, type DigestScheduler } from '../../src/digest/digest-scheduler.js';
import type { AdaptiveCard } from '../../src/render/adaptive-card-types.js';
import { renderMadr } from '../../src/render/madr.js';
import { validateAdaptiveCard } from '../render/helpers/adaptive-card-validate.js';
import { cardsOf } from './fake-connector.js';
import { type MovableClock, movableClock } from '../security/helpers/reviews.js';
import {
  ALEX,
  BOT,
  CHANNEL_ID,
  cardText,
  elementsOfType,
  firstCard,
  type Harness,
  isRecommendationCard,
  latestQuestion,
  mentionActivity,
  nextActivityId,
  type Person,
  SAM,
  startHarness,
  submitActions,
  submitActivity,
  TENANT_ID,
} from '../teams/helpers/teams-harness.js';

const open: Harness[] = [];
afterEach(async () => {
  while (open.length > 0) await open.pop()!.close();
});

const JO = { id: '29:1jo-teams-user-id', name: 'Jo Park', aadObjectId: '00000000-0000-0000-0000-0000000000j0' };

async function startReview(h: Harness) {
  const rootId = nextActivityId();
  await h.post(mentionActivity({ serviceUrl: h.connector.serviceUrl, from: ALEX, id: rootId, text: 'compute-advice ledger' }));
  const thread = `${CHANNEL_ID};messageid=${rootId}`;
  return { thread, reviewId: (await h.services.reviews.findOpenByThread('teams', CHANNEL_ID, thread))!.id };
}

function submitAnswer(h: Harness, thread: string, value: string) {
  const q = latestQuestion(h.connector)!;
  const answer = submitActions(firstCard(q.call)).find((a) => a.data.ca === 'answer')!;
  return submitActivity({
    serviceUrl: h.connector.serviceUrl,
    from: ALEX,
    conversationId: thread,
    replyToId: q.activityId,
    value: { ...answer.data, value },
  });
}

async function answerUntilCard(h: Harness, thread: string): Promise<void> {
  for (let i = 0; i < 30 && !isRecommendationCard(h.connector.posted().at(-1)!); i++) {
    const q = latestQuestion(h.connector)!;
    const choice = elementsOfType(firstCard(q.call), 'Input.ChoiceSet')[0] as { choices: Array<{ value: string }> } | undefined;
    expect((await h.post(submitAnswer(h, thread, choice ? choice.choices[0]!.value : '30'))).status).toBe(200);
  }
  expect(isRecommendationCard(h.connector.posted().at(-1)!)).toBe(true);
}

/** An Action.Execute from a card, as Teams sends it: an `adaptiveCard/action` invoke. */
function invoke(h: Harness, from: Person, thread: string, replyToId: string, verb: string, data: Record<string, unknown>) {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: nextActivityId(),
    timestamp: new Date().toISOString(),
    serviceUrl: h.connector.serviceUrl,
    channelId: 'msteams',
    from,
    conversation: { id: thread, conversationType: 'channel', isGroup: true, tenantId: TENANT_ID },
    recipient: BOT,
    replyToId,
    channelData: { tenant: { id: TENANT_ID }, team: { id: '19:team-general@thread.tacv2' }, channel: { id: CHANNEL_ID } },
    value: { action: { type: 'Action.Execute', verb, data }, trigger: verb === 'signoff_view' ? 'automatic' : 'manual' },
  };
}

/** The status in the front matter of the review's MADR export. */
const madrStatus = async (h: Harness, reviewId: string) =>
  /^---\n(?:.*\n)*?status: (\w+)\n/.exec(renderMadr((await h.services.records.get(reviewId))!))?.[1];

/** The weekly digest as main.ts wires it: the scheduler posting through the Teams adapter's proactive outbox. */
function digestScheduler(h: Harness, clock: MovableClock): DigestScheduler {
  return createDigestScheduler({
    store: h.services.store,
    reviews: h.services.reviews,
    clock,
    outboxes: { teams: h.teams.proactive },
    pacing: { teamsMs: 0 },
    // approver reminders post in the thread and are tested on their own; here only the digest runs
    signOffReminderHours: 24 * 365,
  });
}

/**
 * Moves the clock to a digest time and runs the scheduler: exactly one activity goes out, the digest card in the
 * channel. Gives the card's text as the connector received it.
 */
async function weeklyDigest(h: Harness, clock: MovableClock, scheduler: DigestScheduler, at: string): Promise<string> {
  clock.set(Date.parse(at));
  const mark = h.connector.calls.length;
  expect(await scheduler.tick()).toMatchObject({ digestsPosted: 1, digestsFailed: 0 });
  const sent = h.connector.calls.slice(mark);
  expect(sent).toHaveLength(1);
  expect(sent[0]!.conversationId).toBe(CHANNEL_ID);
  const card = firstCard(sent[0]!);
  expect(validateAdaptiveCard(card)).toEqual([]);
  const text = cardText(card);
  expect(text).toContain('Weekly compute digest');
  return text;
}

async function invokeResponse(h: Harness, activity: Record<string, unknown>) {
  const res = await h.post(activity);
  expect(res.status).toBe(200);
  return JSON.parse(res.body) as { statusCode: number; type: string; value: unknown };
}

describe('Teams: sign-off', () => {
  it('request with mentions, refuse a non-approver, approve, lapse on a changed answer, approve again; the digest and the record follow', async () => {
    // a Monday, 08:00 UTC; the channel's digest goes out on Mondays at 09:00 UTC
    const clock = movableClock(Date.parse('2026-11-23T08:00:00Z'));
    const h = await startHarness({ clock });
    open.push(h);
    h.connector.setRole(ALEX.id, 'owner');
    await h.post(mentionActivity({ serviceUrl: h.connector.serviceUrl, from: ALEX, text: 'compute-advice digest weekly mon 09:00 UTC' }));
    const scheduler = digestScheduler(h, clock);
    const { thread, reviewId } = await startReview(h);
    await answerUntilCard(h, thread);
    const cardId = (await h.services.reviews.messageRef(reviewId, 'card'))!;

    // "@compute-advice signoff @Sam @Jo" in the thread
    await h.post(
      mentionActivity({ serviceUrl: h.connector.serviceUrl, from: ALEX, conversationId: thread, text: 'signoff', alsoMention: [SAM, JO] }),
    );
    const ask = h.connector.posted().at(-1)!;
    const askCard = firstCard(ask) as unknown as AdaptiveCard;
    expect(validateAdaptiveCard(askCard)).toEqual([]);
    expect(askCard.refresh!.userIds).toEqual([SAM.id, JO.id]);
    expect(askCard.refresh!.action).toMatchObject({ type: 'Action.Execute', verb: 'signoff_view', data: { reviewId } });
    expect(askCard.msteams!.entities!.map((e) => e.mentioned.id)).toEqual([SAM.id, JO.id]);
    expect(cardText(askCard)).toContain('<at>Sam Lee</at>');
    // the base card has no buttons: only the approvers' own views do
    expect(JSON.stringify(askCard)).not.toContain('signoff_approve');
    const cardUpdate = h.connector.updates().at(-1)!;
    expect(cardUpdate.activityId).toBe(cardId);
    expect(validateAdaptiveCard(firstCard(cardUpdate))).toEqual([]);
    expect(cardText(firstCard(cardUpdate))).toContain('Sign-off pending');
    const firstRec = askCard.refresh!.action.data!.recommendationId as number;

    // Monday's digest: waiting for both approvers, nothing approved; the record is proposed
    const waiting = await weeklyDigest(h, clock, scheduler, '2026-11-23T09:00:00Z');
    expect(waiting).toContain('Waiting for sign-off (1)\n• **ledger**: 2 approvers still to act, asked less than a day ago');
    expect(waiting).not.toContain('Approved this week');
    expect(await madrStatus(h, reviewId)).toBe('proposed');
    clock.set(Date.parse('2026-11-24T10:00:00Z'));

    // a non-approver's Approve: refused with a message of their own, nothing stored or posted
    const before = h.connector.calls.length;
    const refused = await invokeResponse(
      h,
      invoke(h, ALEX, thread, ask.responseId!, 'signoff_approve', { reviewId, recommendationId: firstRec }),
    );
    expect(refused).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: texts.notApprover });
    expect(h.connector.calls.slice(before)).toEqual([]);
    expect(await h.services.store.signoffs.actions(reviewId)).toEqual([]);

    // an approver's client refreshes: their own view, with the buttons and the note input
    const view = await invokeResponse(h, invoke(h, SAM, thread, ask.responseId!, 'signoff_view', { reviewId, recommendationId: firstRec }));
    expect(view.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(validateAdaptiveCard(view.value)).toEqual([]);
    expect(JSON.stringify(view.value)).toContain('signoff_approve');
    // it names the one who asked and every approver, not only the one refreshing
    expect(cardText(view.value as AdaptiveCard)).toContain('<at>Jo Park</at>, <at>Sam Lee</at>: Alex Kim asks you to sign off');
    expect(cardText(view.value as AdaptiveCard)).toContain('Waiting for Jo Park, Sam Lee');
    // a non-approver's refresh shows no buttons
    const strangerView = await invokeResponse(h, invoke(h, ALEX, thread, ask.responseId!, 'signoff_view', { reviewId }));
    expect(JSON.stringify(strangerView.value)).not.toContain('signoff_approve');

    // Request changes without a note: refused; with one: recorded and shown
    const noNote = await invokeResponse(
      h,
      invoke(h, JO, thread, ask.responseId!, 'signoff_changes', { reviewId, recommendationId: firstRec }),
    );
    expect(noNote.value).toBe(texts.signOffRefused('say what should change: a note is required'));
    const changes = invoke(h, JO, thread, ask.responseId!, 'signoff_changes', {
      reviewId,
      recommendationId: firstRec,
      signoffNote: 'add egress costs',
    });
    expect((await invokeResponse(h, changes)).type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(firstCard(h.connector.posted().at(-1)!))).toContain('Jo Park requested changes: "add egress costs"');
    // the same invoke delivered again stores nothing more
    await invokeResponse(h, changes);
    expect(await h.services.store.signoffs.actions(reviewId)).toHaveLength(1);

    const approve = async (approver: Person) => {
      const approved = await invokeResponse(
        h,
        invoke(h, approver, thread, ask.responseId!, 'signoff_approve', { reviewId, recommendationId: firstRec }),
      );
      expect(approved.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(validateAdaptiveCard(approved.value)).toEqual([]);
    };
    await approve(JO);

    // the next Monday's digest: Jo's approval of the week, and the review still waiting for Sam
    const halfway = await weeklyDigest(h, clock, scheduler, '2026-11-30T09:00:00Z');
    expect(halfway).toContain('Waiting for sign-off (1)\n• **ledger**: 1 approver still to act, asked 7 days ago');
    expect(halfway).toContain('Approved this week (1)\n• **ledger**: approved');
    expect(await madrStatus(h, reviewId)).toBe('proposed');

    clock.set(Date.parse('2026-11-30T10:00:00Z'));
    await approve(SAM);
    expect(cardText(firstCard(h.connector.posted().at(-1)!))).toContain('Sam Lee approved the recommendation.');
    expect((await h.services.signOffs.status(reviewId))?.state).toBe('approved');
    expect((await h.services.records.get(reviewId))?.recordStatus).toBe('accepted');
    expect(await madrStatus(h, reviewId)).toBe('accepted');

    // an answer changes: a new recommendation, the approvals lapse, the approvers are asked again
    clock.set(Date.parse('2026-12-01T10:00:00Z'));
    const recCall = h.connector.posted().find((c) => c.responseId === cardId)!;
    const change = submitActions(firstCard(recCall)).find((a) => a.data.ca === 'change_answer')!;
    await h.post(
      submitActivity({
        serviceUrl: h.connector.serviceUrl,
        from: ALEX,
        conversationId: thread,
        replyToId: cardId,
        value: { ...change.data, questionId: 'traffic_shape' },
      }),
    );
    // the last post is the ask again, after the new card: answer until the review is complete once more
    for (let i = 0; i < 30 && (await h.services.reviews.step(reviewId))?.kind === 'question'; i++) {
      const q = latestQuestion(h.connector)!;
      const choice = elementsOfType(firstCard(q.call), 'Input.ChoiceSet')[0] as { choices: Array<{ value: string }> } | undefined;
      await h.post(submitAnswer(h, thread, choice ? choice.choices.at(-1)!.value : '30'));
    }
    const again = h.connector
      .posted()
      .filter((c) => JSON.stringify(cardsOf(c.body)).includes('signoff_view'))
      .at(-1)!;
    expect(again).not.toBe(ask);
    const againCard = firstCard(again) as unknown as AdaptiveCard;
    expect(validateAdaptiveCard(againCard)).toEqual([]);
    expect(cardText(againCard)).toContain('earlier approvals lapsed');
    // named as they were mentioned when asked, though this turn was an answer that mentioned nobody
    expect(cardText(againCard)).toContain('<at>Jo Park</at>, <at>Sam Lee</at>: an answer changed');
    expect(againCard.msteams!.entities).toEqual([
      { type: 'mention', text: '<at>Jo Park</at>', mentioned: { id: JO.id, name: 'Jo Park' } },
      { type: 'mention', text: '<at>Sam Lee</at>', mentioned: { id: SAM.id, name: 'Sam Lee' } },
    ]);
    expect(cardText(againCard)).not.toContain('someone');
    expect([...againCard.refresh!.userIds!].sort()).toEqual([SAM.id, JO.id].sort());
    const newRec = againCard.refresh!.action.data!.recommendationId as number;
    expect(newRec).not.toBe(firstRec);
    expect((await h.services.signOffs.status(reviewId))?.state).toBe('pending');
    expect((await h.services.records.get(reviewId))?.recordStatus).toBe('proposed');

    // this week's digest: waiting for both again; Sam's approval falls in the week but lapsed, so nothing is approved
    const lapsed = await weeklyDigest(h, clock, scheduler, '2026-12-07T09:00:00Z');
    expect(lapsed).toContain('Waiting for sign-off (1)\n• **ledger**: 2 approvers still to act, asked 14 days ago');
    expect(lapsed).not.toContain('Approved this week');
    expect(await madrStatus(h, reviewId)).toBe('proposed');
    clock.set(Date.parse('2026-12-08T10:00:00Z'));

    // the old ask's button is refused; the new one counts
    const stale = await invokeResponse(
      h,
      invoke(h, SAM, thread, ask.responseId!, 'signoff_approve', { reviewId, recommendationId: firstRec }),
    );
    expect(stale.value).toBe(texts.signOffOnSupersededAsk);
    for (const approver of [SAM, JO])
      await invokeResponse(h, invoke(h, approver, thread, again.responseId!, 'signoff_approve', { reviewId, recommendationId: newRec }));
    const record = (await h.services.records.get(reviewId))!;
    expect(record.recordStatus).toBe('accepted');
    expect(renderMadr(record)).toMatch(/^---\n(?:.*\n)*?status: accepted\n/);

    // the next digest: both approvals of the current recommendation, nobody left to act
    const approved = await weeklyDigest(h, clock, scheduler, '2026-12-14T09:00:00Z');
    expect(approved).toContain('Approved this week (2)\n• **ledger**: approved\n• **ledger**: approved');
    expect(approved).not.toContain('Waiting for sign-off');
  });
});
