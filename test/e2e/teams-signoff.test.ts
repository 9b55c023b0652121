/**
 * Sign-off on Teams over real HTTP on loopback (real CloudAdapter, fake Bot Connector): approvers named with
 * mentions, Universal Actions (`adaptiveCard/action` invokes) for the approvers' own view, Approve and Request
 * changes, a non-approver refused with a reply of their own and nothing stored, approvals lapsing when an answer
 * changes, and the record's status following.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { texts } from '../../src/conversation/texts.js';
import type { AdaptiveCard } from '../../src/render/adaptive-card-types.js';
import { renderMadr } from '../../src/render/madr.js';
import { validateAdaptiveCard } from '../render/helpers/adaptive-card-validate.js';
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

async function invokeResponse(h: Harness, activity: Record<string, unknown>) {
  const res = await h.post(activity);
  expect(res.status).toBe(200);
  return JSON.parse(res.body) as { statusCode: number; type: string; value: unknown };
}

describe('Teams: sign-off', () => {
  it('request with mentions, refuse a non-approver, approve, lapse on a changed answer, approve again; the record follows', async () => {
    const h = await startHarness();
    open.push(h);
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

    for (const approver of [SAM, JO]) {
      const approved = await invokeResponse(
        h,
        invoke(h, approver, thread, ask.responseId!, 'signoff_approve', { reviewId, recommendationId: firstRec }),
      );
      expect(approved.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(validateAdaptiveCard(approved.value)).toEqual([]);
    }
    expect(cardText(firstCard(h.connector.posted().at(-1)!))).toContain('Jo Park approved the recommendation.');
    expect((await h.services.signOffs.status(reviewId))?.state).toBe('approved');
    expect((await h.services.records.get(reviewId))?.recordStatus).toBe('accepted');

    // an answer changes: a new recommendation, the approvals lapse, the approvers are asked again
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
      .filter((c) => JSON.stringify(firstCard(c)).includes('signoff_view'))
      .at(-1)!;
    expect(again).not.toBe(ask);
    const againCard = firstCard(again) as unknown as AdaptiveCard;
    expect(validateAdaptiveCard(againCard)).toEqual([]);
    expect(cardText(againCard)).toContain('earlier approvals lapsed');
    expect([...againCard.refresh!.userIds!].sort()).toEqual([SAM.id, JO.id].sort());
    const newRec = againCard.refresh!.action.data!.recommendationId as number;
    expect(newRec).not.toBe(firstRec);
    expect((await h.services.signOffs.status(reviewId))?.state).toBe('pending');
    expect((await h.services.records.get(reviewId))?.recordStatus).toBe('proposed');

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
  });
});
