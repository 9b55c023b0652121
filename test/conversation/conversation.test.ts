/**
 * The conversation's behaviour, state × intent → what is posted, updated and told, and what is stored: one table,
 * run for Slack and for Teams with their real renderers. Where the two differ it is only in `tellsPrivately` (Slack
 * can tell one person; on Teams everyone in the thread would see it), and the table says so.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RECOVERY_GRACE_MS } from '../../src/app/review-service.js';
import { notParticipantText, texts } from '../../src/conversation/texts.js';
import { slackRenderer } from '../../src/slack/slack-renderer.js';
import { teamsRenderer } from '../../src/teams/teams-renderer.js';
import { completeReview } from '../security/helpers/reviews.js';
import { type ConversationHarness, conversationHarness, HELPER, type PlatformName, REQUESTER, STRANGER, shape } from './harness.js';

const PLATFORMS: PlatformName[] = ['slack', 'teams'];

describe.each(PLATFORMS)('the conversation on %s', (platform) => {
  let h: ConversationHarness;
  afterEach(() => h?.close());
  const open = async () => {
    h = await conversationHarness(platform);
    return h;
  };
  const privately = platform === 'slack';
  const snapshot = async (reviewId: string) => ({
    review: await h.services.store.reviews.get(reviewId),
    answers: (await h.services.store.answers.history(reviewId)).length,
    decisions: (await h.services.store.decisions.list(reviewId)).length,
    participants: (await h.services.store.participants.list(reviewId)).length,
  });

  describe('starting', () => {
    it('no thread yet: posts the opener, runs the review in its thread, asks the first question and stores both messages', async () => {
      await open();
      const sent = await h.turn({ kind: 'start', workloadName: 'payments-webhooks' });
      expect(shape(sent)).toEqual(
        platform === 'slack' ? ['post threadOpener', 'post question'] : ['post threadOpener', 'post intro', 'post question'],
      );
      const review = (await h.services.reviews.listForUser(platform, 'T0CONV', REQUESTER, 1))[0]!.review;
      expect(review.threadRef).toBe(sent[0]!.ref);
      const step = await h.services.reviews.step(review.id);
      if (step?.kind !== 'question') throw new Error('expected a question');
      expect(await h.services.reviews.messageRef(review.id, 'question', step.question.id)).toBe(sent.at(-1)!.ref);
    });

    it('in a thread: the thread is the review; a second start there is refused and stores nothing', async () => {
      await open();
      const first = await h.turn({ kind: 'start', workloadName: 'ledger' }, { thread: '1763000000.000001' });
      expect(shape(first)).toEqual(platform === 'slack' ? ['post question'] : ['post intro', 'post question']);
      const review = (await h.services.reviews.findOpenByThread(platform, 'C0CONV', '1763000000.000001'))!;
      const second = await h.turn({ kind: 'start', workloadName: 'other' }, { thread: '1763000000.000001', actor: HELPER });
      expect(shape(second)).toEqual([`tell notice: ${texts.alreadyRunning(review)}`]);
      expect(await h.services.reviews.listRecent(10)).toHaveLength(1);
    });

    it('a redelivered start (same delivery) changes nothing and posts nothing', async () => {
      await open();
      await h.turn({ kind: 'start', workloadName: 'ledger' }, { thread: '1763000000.000002', dedupeKey: 'ev-1' });
      const again = await h.turn({ kind: 'start', workloadName: 'ledger' }, { thread: '1763000000.000002', dedupeKey: 'ev-1' });
      expect(again).toEqual([]);
      expect(await h.services.reviews.listRecent(10)).toHaveLength(1);
    });

    it('the opener cannot be posted: the person is told, nothing is stored', async () => {
      await open();
      h.failPosts(1, 'not_in_channel');
      const sent = await h.turn({ kind: 'start', workloadName: 'ledger' });
      expect(sent[0]!.as).toBe('failed threadOpener');
      expect(sent[1]!.op).toBe('tell');
      expect(sent[1]!.as).toContain('start the review here');
      expect(await h.services.reviews.listRecent(10)).toEqual([]);
    });
  });

  describe('answering', () => {
    it('an accepted answer: the next question is posted first, then the answered question is updated, and the answer is stored', async () => {
      await open();
      const review = await h.startReview();
      const sent = await h.answerCurrent(review.id);
      expect(shape(sent)).toEqual(['post question', 'update answered']);
      expect(await h.services.store.answers.history(review.id)).toHaveLength(1);
    });

    it('a clicked copy that is not the stored message is updated too', async () => {
      await open();
      const review = await h.startReview();
      const sent = await h.answerCurrent(review.id, { clicked: 'old-copy' });
      expect(shape(sent)).toEqual(['post question', 'update answered', 'update answered']);
      expect(sent.map((s) => s.ref)).toContain('old-copy');
    });

    it('an answer that cannot be used: the re-ask is posted in the thread, nothing is stored', async () => {
      await open();
      const review = await h.startReview();
      const step = await h.services.reviews.step(review.id);
      if (step?.kind !== 'question') throw new Error('expected a question');
      const before = await snapshot(review.id);
      const sent = await h.turn({
        kind: 'answer',
        reviewId: review.id,
        questionId: step.question.id,
        text: 'x'.repeat(100_000),
        addressed: true,
      });
      expect(sent).toHaveLength(1);
      expect(sent[0]!.op).toBe('post');
      expect(sent[0]!.as).toMatch(/^notice: Sorry: That answer is too long\./);
      expect(sent[0]!.as.match(/sorry/gi)).toHaveLength(1);
      expect(await snapshot(review.id)).toEqual(before);
    });

    it('a stranger: told they cannot take part, nothing stored', async () => {
      await open();
      const review = await h.startReview();
      const before = await snapshot(review.id);
      expect(shape(await h.answerCurrent(review.id, { actor: STRANGER }))).toEqual([`tell notice: ${notParticipantText()}`]);
      expect(await snapshot(review.id)).toEqual(before);
    });

    it(`a click on an old question (stale): ${privately ? 'told privately' : 'nothing said (the whole thread would see it)'}`, async () => {
      await open();
      const review = await h.startReview();
      const step = await h.services.reviews.step(review.id);
      if (step?.kind !== 'question') throw new Error('expected a question');
      await h.answerCurrent(review.id);
      const before = await snapshot(review.id);
      const sent = await h.turn({ kind: 'answer', reviewId: review.id, questionId: step.question.id, text: '1', addressed: true });
      expect(shape(sent)).toEqual(privately ? [`tell notice: ${texts.alreadyAnswered}`] : []);
      expect(await snapshot(review.id)).toEqual(before);
    });

    it('a redelivered answer: nothing posted while the first delivery may still be posting; after the grace, only what a crash left unposted', async () => {
      await open();
      const review = await h.startReview();
      await h.answerCurrent(review.id, { dedupeKey: 'ev-answer' });
      const step = await h.services.reviews.step(review.id);
      if (step?.kind !== 'question') throw new Error('expected a question');
      // the same delivery again: its next question was posted, so nothing to do
      const replay = { kind: 'answer' as const, text: '1', addressed: true };
      expect(await h.turn(replay, { thread: review.threadRef, dedupeKey: 'ev-answer' })).toEqual([]);
      // a crash between storing the answer and posting the next question: the stored message is gone
      await h.services.database.q
        .deleteFrom('review_messages')
        .where('review_id', '=', review.id)
        .where('kind', '=', 'question')
        .where('question_id', '=', step.question.id)
        .execute();
      expect(await h.turn(replay, { thread: review.threadRef, dedupeKey: 'ev-answer' })).toEqual([]);
      h.clock.advance(RECOVERY_GRACE_MS);
      const recovered = await h.turn(replay, { thread: review.threadRef, dedupeKey: 'ev-answer' });
      expect(shape(recovered)).toEqual(['post question']);
      expect(await h.services.reviews.messageRef(review.id, 'question', step.question.id)).toBe(recovered[0]!.ref);
      expect(await h.services.store.answers.history(review.id)).toHaveLength(1);
    });

    it('the next question cannot be posted: the answer is stored, the person is told how to carry on, the answered question still updated', async () => {
      await open();
      const review = await h.startReview();
      h.failPosts(1);
      const sent = await h.answerCurrent(review.id);
      expect(sent.map((s) => s.op)).toEqual(['post', 'tell', 'update']);
      expect(sent[1]!.as).toContain('post the next question');
      expect(sent[1]!.as).toContain(platform === 'slack' ? `resume ${review.id}` : 'mention me in this thread');
      expect(await h.services.store.answers.history(review.id)).toHaveLength(1);
    });

    it('an empty reply in the thread (a bare mention) posts the current question again', async () => {
      await open();
      const review = await h.startReview();
      expect(shape(await h.turn({ kind: 'answer', text: ' ', addressed: true }, { thread: review.threadRef }))).toEqual(['post question']);
    });

    it('a reply outside any review: a hint when the bot was addressed, silence otherwise', async () => {
      await open();
      expect(shape(await h.turn({ kind: 'answer', text: 'hello', addressed: false }, { thread: '1763000000.000009' }))).toEqual([]);
      expect(shape(await h.turn({ kind: 'answer', text: 'hello', addressed: true }, { thread: '1763000000.000009' }))).toEqual([
        `tell notice: ${texts.notStarted(platform === 'slack' ? '/compute-advice <workload name>' : 'compute-advice <workload name>')}`,
      ]);
    });

    it('Back re-asks the previous question and retires the one it came from', async () => {
      await open();
      const review = await h.startReview();
      await h.answerCurrent(review.id);
      const step = await h.services.reviews.step(review.id);
      if (step?.kind !== 'question') throw new Error('expected a question');
      const sent = await h.turn({ kind: 'back', reviewId: review.id, questionId: step.question.id });
      expect(shape(sent)).toEqual(['post question', 'update retired']);
    });

    it('typed "back", "skip", "cancel" and "help" are commands, never answers, whatever the question accepts', async () => {
      await open();
      const review = await h.startReview();
      await h.answerCurrent(review.id);
      const second = await h.services.reviews.step(review.id);
      if (second?.kind !== 'question') throw new Error('expected a question');
      const answersBefore = (await h.services.store.answers.history(review.id)).length;
      // "back" on the second question re-opens the first (on question one an alias could have read it as an answer)
      const back = await h.turn({ kind: 'answer', text: 'Back', addressed: true }, { thread: review.threadRef });
      expect(shape(back)).toEqual(['post question', 'update retired']);
      const reopened = await h.services.reviews.step(review.id);
      expect(reopened?.kind === 'question' && reopened.question.id).not.toBe(second.question.id);
      expect(reopened?.kind === 'question' && reopened.current).toBeDefined();
      expect(await h.services.store.answers.history(review.id)).toHaveLength(answersBefore);
      // "skip" on a required question: told it cannot be skipped, nothing stored
      const skip = await h.turn({ kind: 'answer', text: ':skip', addressed: true }, { thread: review.threadRef });
      expect(skip).toHaveLength(1);
      expect(skip[0]!.as).toMatch(/can't be skipped/);
      expect(await h.services.store.answers.history(review.id)).toHaveLength(answersBefore);
      expect(shape(await h.turn({ kind: 'answer', text: 'help', addressed: true }, { thread: review.threadRef }))).toEqual(['tell help']);
      await h.turn({ kind: 'answer', text: 'cancel', addressed: true }, { thread: review.threadRef });
      expect((await h.services.store.reviews.get(review.id))?.status).toBe('cancelled');
    });

    it('finishing the interview posts the recommendation and stores it as the card', async () => {
      await open();
      const review = await h.startReview();
      const sent = await h.finishInterview(review.id);
      expect(sent[0]!.as).toBe('recommendation');
      expect(await h.services.reviews.messageRef(review.id, 'card')).toBe(sent[0]!.ref);
    });
  });

  describe('commands', () => {
    it('cancel: the open question is retired and the thread is told; only participants cancel', async () => {
      await open();
      const review = await h.startReview();
      const before = await snapshot(review.id);
      expect(shape(await h.turn({ kind: 'cancel' }, { thread: review.threadRef, actor: STRANGER }))).toEqual([
        `tell notice: ${notParticipantText()}`,
      ]);
      expect(await snapshot(review.id)).toEqual(before);
      const sent = await h.turn({ kind: 'cancel' }, { thread: review.threadRef });
      expect(shape(sent)).toEqual(
        privately ? ['update retired', 'post cancelled', `tell notice: ${texts.cancelled(review)}`] : ['update retired', 'post cancelled'],
      );
      expect((await h.services.reviews.get(review.id))!.status).toBe('cancelled');
    });

    it("cancel without a thread finds the person's latest open review; with none, says so", async () => {
      await open();
      expect(shape(await h.turn({ kind: 'cancel' }))).toEqual([`tell notice: ${texts.noReview('cancel')}`]);
      const review = await h.startReview();
      await h.turn({ kind: 'cancel' });
      expect((await h.services.reviews.get(review.id))!.status).toBe('cancelled');
    });

    it('add: the requester adds people once (counted), others cannot', async () => {
      await open();
      const review = await h.startReview();
      const people = [{ id: HELPER, name: 'Helper' }];
      expect(shape(await h.turn({ kind: 'add', people }, { thread: review.threadRef, actor: STRANGER }))).toEqual([
        `tell notice: ${texts.onlyRequesterAdds}`,
      ]);
      expect(shape(await h.turn({ kind: 'add', people }, { thread: review.threadRef }))).toEqual(['post added']);
      expect(shape(await h.turn({ kind: 'add', people }, { thread: review.threadRef }))).toEqual([
        `tell notice: ${texts.alreadyParticipants}`,
      ]);
      expect(await h.services.reviews.isParticipant(review.id, HELPER)).toBe(true);
      expect(shape(await h.answerCurrent(review.id, { actor: HELPER }))).toEqual(['post question', 'update answered']);
    });

    it('decide: recorded once per click, in the thread; unknown models and strangers refused', async () => {
      await open();
      const review = await h.startReview();
      await completeReview(h.services.reviews, review.id, REQUESTER);
      expect(shape(await h.turn({ kind: 'decide', reviewId: review.id, model: 'mainframe' }))).toEqual([
        `tell notice: ${texts.unknownModel}`,
      ]);
      expect(shape(await h.turn({ kind: 'decide', reviewId: review.id, model: 'vm' }, { actor: STRANGER }))).toEqual([
        `tell notice: ${notParticipantText()}`,
      ]);
      expect(shape(await h.turn({ kind: 'decide', reviewId: review.id, model: 'vm' }, { dedupeKey: 'click-1' }))).toEqual([
        'post decisionRecorded',
      ]);
      expect(await h.turn({ kind: 'decide', reviewId: review.id, model: 'vm' }, { dedupeKey: 'click-1' })).toEqual([]);
      expect(await h.services.store.decisions.list(review.id)).toHaveLength(1);
    });

    it('a newer recommendation replaces the card: the old one says so; a decision from it is refused; the current card shows the decision', async () => {
      await open();
      const review = await h.startReview();
      const finish = () => h.finishInterview(review.id);
      await finish();
      const first = await h.services.reviews.step(review.id);
      if (first?.kind !== 'completed') throw new Error('expected a recommendation');
      const oldCard = await h.services.reviews.messageRef(review.id, 'card');
      await h.turn({ kind: 'change', reviewId: review.id, questionId: 'traffic_shape' });
      const changed = await h.turn({ kind: 'answer', reviewId: review.id, questionId: 'traffic_shape', text: 'bursty', addressed: true });
      const replaced = changed.length > 0 && (await h.services.reviews.step(review.id))?.kind === 'completed' ? changed : await finish();
      expect(shape(replaced)).toContain('update superseded');
      expect(replaced.find((s) => s.as === 'superseded')?.ref).toBe(oldCard);
      const current = await h.services.reviews.step(review.id);
      if (current?.kind !== 'completed') throw new Error('expected a new recommendation');
      expect(current.recommendationId).not.toBe(first.recommendationId);

      const stale = await h.turn({ kind: 'decide', reviewId: review.id, model: 'vm', recommendationId: first.recommendationId });
      expect(shape(stale)).toEqual([`tell notice: ${texts.decisionOnSupersededCard}`]);
      expect(await h.services.store.decisions.list(review.id)).toHaveLength(0);

      const decided = await h.turn({ kind: 'decide', reviewId: review.id, model: 'vm', recommendationId: current.recommendationId });
      expect(shape(decided)).toEqual(['post decisionRecorded', 'update recommendation']);
      expect(decided[1]!.ref).toBe(await h.services.reviews.messageRef(review.id, 'card'));
      const shown = await h.services.reviews.step(review.id);
      expect(shown?.kind === 'completed' && shown.decision).toMatchObject({ model: 'vm' });
    });

    it('share: the card again, broadcast, once per click; change: re-asks the question', async () => {
      await open();
      const review = await h.startReview();
      await completeReview(h.services.reviews, review.id, REQUESTER);
      expect(shape(await h.turn({ kind: 'share', reviewId: review.id }, { dedupeKey: 'share-1' }))).toEqual([
        'post recommendation (broadcast)',
      ]);
      expect(await h.turn({ kind: 'share', reviewId: review.id }, { dedupeKey: 'share-1' })).toEqual([]);
      const question = (await h.services.reviews.answeredQuestions(review.id))[0]!;
      expect(shape(await h.turn({ kind: 'change', reviewId: review.id, questionId: question.id }))).toEqual(['post question']);
      expect((await h.services.reviews.get(review.id))!.reopenedQuestionId).toBe(question.id);
    });

    it('export: tells whoever asked (participant or not) the decision record, posting nothing; an unknown review is not found', async () => {
      await open();
      const review = await h.startReview();
      await completeReview(h.services.reviews, review.id, REQUESTER);
      const before = await snapshot(review.id);
      expect(shape(await h.turn({ kind: 'export', reviewId: review.id }, { actor: STRANGER }))).toEqual(['tell adrExport']);
      expect(await snapshot(review.id)).toEqual(before);
      expect(shape(await h.turn({ kind: 'export', reviewId: 'r-nosuchreview' }))).toEqual([`tell notice: ${texts.notFound}`]);
    });

    it('resume posts the current step again; list, help and digest answer the person', async () => {
      await open();
      const review = await h.startReview();
      expect(shape(await h.turn({ kind: 'resume', reviewId: review.id }))).toEqual(
        privately ? ['post question', `tell notice: ${texts.resumed(review)}`] : ['post question'],
      );
      expect(shape(await h.turn({ kind: 'list' }))).toEqual(['tell list']);
      expect(shape(await h.turn({ kind: 'help' }))).toEqual(['tell help']);
      expect(shape(await h.turn({ kind: 'digest', text: 'digest weekly mon 09:00 UTC' }))).toEqual(['tell digestReply']);
      expect(await h.services.store.subscriptions.list()).toHaveLength(1);
      expect(shape(await h.turn({ kind: 'digest', text: 'digest preview' }))).toEqual(['tell digestPreview']);
    });

    it('a closed review: answers are refused with how to start a new one', async () => {
      await open();
      const review = await h.startReview();
      await h.turn({ kind: 'cancel' }, { thread: review.threadRef });
      const closed = (await h.services.reviews.get(review.id))!;
      const sent = await h.turn({ kind: 'answer', reviewId: review.id, text: '1', addressed: true });
      expect(shape(sent)).toEqual([
        `tell notice: ${texts.closed(closed, platform === 'slack' ? '/compute-advice <workload name>' : 'compute-advice <workload name>')}`,
      ]);
    });
  });

  describe('signing off', () => {
    const APPROVER_1 = 'U0APPROVER1';
    const APPROVER_2 = 'U0APPROVER2';
    const finish = (reviewId: string) => h.finishInterview(reviewId);
    const stored = async (reviewId: string) => ({
      requests: (await h.services.store.signoffs.requests(reviewId)).length,
      actions: (await h.services.store.signoffs.actions(reviewId)).length,
    });
    const recommendationIdOf = async (reviewId: string) => {
      const step = await h.services.reviews.step(reviewId);
      if (step?.kind !== 'completed') throw new Error('expected a recommendation');
      return step.recommendationId;
    };

    it('before the interview is finished, and from someone not taking part: refused, nothing stored', async () => {
      await open();
      const review = await h.startReview();
      const ask = { kind: 'signoff' as const, approvers: [{ id: APPROVER_1 }] };
      expect(shape(await h.turn(ask, { thread: review.threadRef }))).toEqual([
        `tell notice: ${texts.signOffRefused('there is nothing to sign off yet: finish the interview first')}`,
      ]);
      await finish(review.id);
      expect(shape(await h.turn(ask, { thread: review.threadRef, actor: STRANGER }))).toEqual([
        `tell notice: ${texts.onlyParticipantsAskSignOff}`,
      ]);
      expect(shape(await h.turn({ kind: 'signoff', approvers: [] }, { thread: review.threadRef }))).toEqual([
        `tell notice: ${h.platform === 'slack' ? slackRenderer.signOffUsage : teamsRenderer.signOffUsage}`,
      ]);
      expect(await stored(review.id)).toEqual({ requests: 0, actions: 0 });
    });

    it('request, refuse a non-approver, approve once per click, require a note, lapse on a change and approve again', async () => {
      await open();
      const review = await h.startReview();
      await finish(review.id);
      const card = await h.services.reviews.messageRef(review.id, 'card');
      const firstRec = await recommendationIdOf(review.id);

      // asked in the finished review's thread: the approvers are mentioned there and the card shows the state
      const asked = await h.turn(
        {
          kind: 'signoff',
          approvers: [
            { id: APPROVER_1, name: 'Ada' },
            { id: APPROVER_2, name: 'Bo' },
          ],
        },
        { thread: review.threadRef, dedupeKey: 'ask-1' },
      );
      expect(shape(asked)).toEqual(['post signOffAsked', 'update recommendation']);
      expect(asked[1]!.ref).toBe(card);
      expect(await h.turn({ kind: 'signoff', approvers: [{ id: APPROVER_1 }] }, { thread: review.threadRef, dedupeKey: 'ask-1' })).toEqual(
        [],
      );
      expect(shape(await h.turn({ kind: 'signoff', approvers: [{ id: APPROVER_1 }] }, { thread: review.threadRef }))).toEqual([
        `tell notice: ${texts.alreadyApprovers}`,
      ]);
      expect(await stored(review.id)).toEqual({ requests: 2, actions: 0 });

      // someone not asked: refused, nothing stored (the requester included)
      for (const actor of [STRANGER, REQUESTER]) {
        expect(shape(await h.turn({ kind: 'approve', reviewId: review.id, recommendationId: firstRec }, { actor }))).toEqual([
          `tell notice: ${texts.notApprover}`,
        ]);
      }
      expect(shape(await h.turn({ kind: 'request_changes', reviewId: review.id, note: '' }, { actor: STRANGER }))).toEqual([
        `tell notice: ${texts.notApprover}`,
      ]);
      expect(await stored(review.id)).toEqual({ requests: 2, actions: 0 });

      // an approval: in the thread and on the card; the same click again stores nothing, a second click is told privately
      const approve = { kind: 'approve' as const, reviewId: review.id, recommendationId: firstRec };
      expect(shape(await h.turn(approve, { actor: APPROVER_1, dedupeKey: 'click-1' }))).toEqual([
        'post signOffRecorded',
        'update recommendation',
      ]);
      expect(await h.turn(approve, { actor: APPROVER_1, dedupeKey: 'click-1' })).toEqual([]);
      expect(shape(await h.turn(approve, { actor: APPROVER_1, dedupeKey: 'click-2' }))).toEqual(
        privately ? [`tell notice: ${texts.signOffAlreadyRecorded}`] : [],
      );
      expect(await stored(review.id)).toEqual({ requests: 2, actions: 1 });

      // changes need a note
      expect(shape(await h.turn({ kind: 'request_changes', reviewId: review.id, note: '  ' }, { actor: APPROVER_2 }))).toEqual([
        `tell notice: ${texts.signOffRefused('say what should change: a note is required')}`,
      ]);
      expect(
        shape(await h.turn({ kind: 'request_changes', reviewId: review.id, note: 'cost the egress too' }, { actor: APPROVER_2 })),
      ).toEqual(['post signOffRecorded', 'update recommendation']);
      expect((await h.services.signOffs.status(review.id))?.state).toBe('changes_requested');
      await h.turn({ kind: 'approve', reviewId: review.id }, { actor: APPROVER_2 });
      expect((await h.services.signOffs.status(review.id))?.state).toBe('approved');
      expect((await h.services.records.get(review.id))?.recordStatus).toBe('accepted');

      // an answer changes: a new card, the old one superseded, the approvals lapse and both approvers are asked again
      await h.turn({ kind: 'change', reviewId: review.id, questionId: 'traffic_shape' });
      const changed = await h.turn({ kind: 'answer', reviewId: review.id, questionId: 'traffic_shape', text: 'bursty', addressed: true });
      const replaced = (await h.services.reviews.step(review.id))?.kind === 'completed' ? changed : await finish(review.id);
      expect(shape(replaced)).toEqual(expect.arrayContaining(['post recommendation', 'update superseded', 'post signOffAsked']));
      expect(shape(replaced).indexOf('post signOffAsked')).toBeGreaterThan(shape(replaced).indexOf('post recommendation'));
      const status = await h.services.signOffs.status(review.id);
      expect(status?.state).toBe('pending');
      expect(status?.approvers.every((a) => a.current === null)).toBe(true);
      expect((await h.services.records.get(review.id))?.recordStatus).toBe('proposed');

      // the old request's buttons are refused; the new ones count
      const newRec = await recommendationIdOf(review.id);
      expect(shape(await h.turn(approve, { actor: APPROVER_1 }))).toEqual([`tell notice: ${texts.signOffOnSupersededAsk}`]);
      for (const actor of [APPROVER_1, APPROVER_2])
        await h.turn({ kind: 'approve', reviewId: review.id, recommendationId: newRec }, { actor });
      expect((await h.services.signOffs.status(review.id))?.state).toBe('approved');
      expect((await h.services.records.get(review.id))?.recordStatus).toBe('accepted');
      expect(await stored(review.id)).toEqual({ requests: 2, actions: 5 });
    });

    it('an approval from another conversation is refused whoever sends it', async () => {
      await open();
      const review = await h.startReview();
      await finish(review.id);
      await h.turn({ kind: 'signoff', approvers: [{ id: APPROVER_1 }] }, { thread: review.threadRef });
      // the harness always acts in C0CONV; a review in another channel is foreign
      const other = await h.services.reviews.startInThread(
        { platform, workspaceId: 'T0CONV', channelId: 'C0ELSEWHERE', threadRef: '1763000000.999999' },
        REQUESTER,
        'elsewhere',
        {},
      );
      if (other.kind !== 'started') throw new Error('expected a start');
      expect(shape(await h.turn({ kind: 'approve', reviewId: other.review.id }, { actor: APPROVER_1 }))).toEqual([
        `tell notice: ${texts.otherConversation}`,
      ]);
    });
  });

  it('the same delivery arriving while the first is still being handled is dropped', async () => {
    await open();
    const review = await h.startReview();
    const step = await h.services.reviews.step(review.id);
    if (step?.kind !== 'question') throw new Error('expected a question');
    const intent = { kind: 'answer' as const, text: 'x', addressed: true };
    const [a, b] = await Promise.all([
      h.turn(intent, { thread: review.threadRef, dedupeKey: 'same' }),
      h.turn(intent, { thread: review.threadRef, dedupeKey: 'same' }),
    ]);
    expect([...a, ...b].filter((s) => s.as.startsWith('notice: Sorry'))).toHaveLength(1);
  });
});
