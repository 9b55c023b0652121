import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { answerLabel } from '../../src/app/answer-label.js';
import { MAX_PERSON_NAME_LENGTH } from '../../src/app/signoff-service.js';
import type { ReviewStep } from '../../src/app/review-types.js';
import { renderMadr } from '../../src/render/madr.js';
import { STEADY_API_ANSWERS } from '../helpers/steady-api-answers.js';
import { servicesForEachTest } from '../security/helpers/reviews.js';

const ANSWERS = STEADY_API_ANSWERS;
const PLACE = { platform: 'slack' as const, workspaceId: 'T1', channelId: 'C1', threadRef: '1712345678.000100' };

const services = servicesForEachTest();

async function finishedReview(answers = ANSWERS): Promise<string> {
  const { review } = await services().reviews.start(PLACE, 'U_REQ', 'checkout-api');
  for (const text of answers) await services().reviews.answer(review.id, 'U_REQ', { text });
  return review.id;
}

/** Changes the traffic answer from the card, and answers anything it asks again with the answer it offers. */
async function changeTraffic(reviewId: string, text: string): Promise<void> {
  const traffic = services().script.questions.find((q) => q.field === 'traffic')!;
  await services().reviews.change(reviewId, 'U_REQ', traffic.id);
  let step = await services().reviews.answer(reviewId, 'U_REQ', { text, questionId: traffic.id });
  for (let guard = 0; step.kind === 'accepted' && step.step.kind === 'question' && guard < 20; guard++) {
    const { question, current } = step.step as Extract<ReviewStep, { kind: 'question' }>;
    // a question the change brings up for the first time gets its first choice or its smallest number
    const text = current !== undefined ? answerLabel(question, current) : (question.choices?.[0]?.label ?? String(question.min ?? 1));
    step = await services().reviews.answer(reviewId, 'U_REQ', { text, questionId: question.id });
  }
  expect((await services().reviews.get(reviewId))!.status).toBe('completed');
}

const frontMatter = async (reviewId: string) =>
  parse(/^---\n([\s\S]*?)\n---\n/.exec(renderMadr((await services().records.get(reviewId))!))![1]!) as Record<string, unknown>;

describe('sign-off', () => {
  it('needs a finished review and a participant to ask', async () => {
    const { review } = await services().reviews.start(PLACE, 'U_REQ', 'unfinished');
    expect(await services().signOffs.request(review.id, 'U_REQ', ['U_A'])).toEqual({
      kind: 'rejected',
      message: 'there is nothing to sign off yet: finish the interview first',
    });
    const id = await finishedReview();
    expect((await services().signOffs.request(id, 'U_STRANGER', ['U_A'])).kind).toBe('not_participant');
    expect((await services().signOffs.request(id, 'U_REQ', [])).kind).toBe('rejected');
    expect((await services().signOffs.status(id))!.state).toBe('not_requested');
  });

  it('request, a non-approver refused with nothing stored, approve, an answer changes and approvals lapse, approve again', async () => {
    const id = await finishedReview();
    const asked = await services().signOffs.request(id, 'U_REQ', ['U_A', 'U_B', 'U_A']);
    expect(asked).toMatchObject({ kind: 'ok', added: ['U_A', 'U_B'], already: [] });
    expect(await services().signOffs.request(id, 'U_REQ', ['U_A'])).toMatchObject({ kind: 'ok', added: [], already: ['U_A'] });
    expect(await services().records.get(id)).toMatchObject({ signOff: 'pending', recordStatus: 'proposed' });

    expect((await services().signOffs.act(id, 'U_REQ', 'approved')).kind).toBe('not_approver');
    expect((await services().signOffs.act(id, 'U_STRANGER', 'changes_requested', { note: 'no' })).kind).toBe('not_approver');
    expect(await services().store.signoffs.actions(id)).toEqual([]);

    expect((await services().signOffs.act(id, 'U_A', 'approved', { dedupeKey: 'click-1' })).kind).toBe('ok');
    expect((await services().signOffs.act(id, 'U_A', 'approved', { dedupeKey: 'click-1' })).kind).toBe('duplicate');
    expect((await services().signOffs.act(id, 'U_A', 'approved', { dedupeKey: 'click-2' })).kind).toBe('already');
    expect(await services().store.signoffs.actions(id)).toHaveLength(1);
    expect((await services().signOffs.status(id))!.state).toBe('pending');

    expect((await services().signOffs.act(id, 'U_B', 'approved')).kind).toBe('ok');
    expect(await services().records.get(id)).toMatchObject({ signOff: 'approved', recordStatus: 'accepted' });
    expect(await frontMatter(id)).toMatchObject({ status: 'accepted', 'decision-makers': ['U_A', 'U_B'] });
    const approvedOn = (await services().store.recommendations.latest(id))!.id;

    await changeTraffic(id, 'bursty');
    expect((await services().store.recommendations.latest(id))!.id).not.toBe(approvedOn);
    const lapsed = (await services().records.get(id))!;
    expect(lapsed).toMatchObject({ signOff: 'pending', recordStatus: 'proposed' });
    expect(lapsed.approvers.map((a) => a.action)).toEqual([null, null]);
    expect(lapsed.signOffs.map((s) => s.lapsed)).toEqual([true, true]);
    expect((await frontMatter(id)).status).toBe('proposed');

    // A click on the card from before the change is refused; a fresh approval counts.
    expect((await services().signOffs.act(id, 'U_A', 'approved', { recommendationId: approvedOn })).kind).toBe('superseded');
    expect((await services().signOffs.act(id, 'U_A', 'approved')).kind).toBe('ok');
    expect((await services().signOffs.act(id, 'U_B', 'approved')).kind).toBe('ok');
    expect(await services().records.get(id)).toMatchObject({ signOff: 'approved', recordStatus: 'accepted' });
    expect(renderMadr((await services().records.get(id))!)).toMatch(
      /Sign-off \(approved\): U\\_A approved; U\\_B approved\. History: .*lapsed when an answer changed/,
    );
  });

  it('keeps the display names people were mentioned by, trimmed and bounded; asking again keeps the first', async () => {
    const id = await finishedReview();
    const long = `Sam ${'L'.repeat(300)}`;
    await services().signOffs.request(id, 'U_REQ', ['U_A', 'U_B', 'U_C'], undefined, {
      U_REQ: ' Alex Kim ',
      U_A: long,
      U_B: '   ',
    });
    const names = (await services().signOffs.status(id))!.approvers.map((a) => [a.approverId, a.approverName, a.requestedByName]);
    expect(names).toEqual([
      ['U_A', long.slice(0, MAX_PERSON_NAME_LENGTH), 'Alex Kim'],
      ['U_B', null, 'Alex Kim'],
      ['U_C', null, 'Alex Kim'],
    ]);
    await services().signOffs.request(id, 'U_REQ', ['U_A'], undefined, { U_A: 'Someone Else' });
    expect((await services().signOffs.status(id))!.approvers[0]!.approverName).toBe(long.slice(0, MAX_PERSON_NAME_LENGTH));
  });

  it('a request for changes needs a note, and makes the record rejected until it is approved', async () => {
    const id = await finishedReview();
    await services().signOffs.request(id, 'U_REQ', ['U_A']);
    expect(await services().signOffs.act(id, 'U_A', 'changes_requested', { note: '  ' })).toEqual({
      kind: 'rejected',
      message: 'say what should change: a note is required',
    });
    expect((await services().signOffs.act(id, 'U_A', 'approved', { note: 'x'.repeat(501) })).kind).toBe('rejected');
    expect(await services().store.signoffs.actions(id)).toEqual([]);
    expect((await services().signOffs.act(id, 'U_A', 'changes_requested', { note: 'size it for the launch peak' })).kind).toBe('ok');
    expect(await services().records.get(id)).toMatchObject({ signOff: 'changes_requested', recordStatus: 'rejected' });
    expect((await services().records.list({ limit: 5 }))[0]).toMatchObject({ signOff: 'changes_requested', recordStatus: 'rejected' });
    expect((await services().signOffs.act(id, 'U_A', 'approved')).kind).toBe('ok');
    expect((await services().records.get(id))!.recordStatus).toBe('accepted');
  });
});
