import type { AppServices } from '../app/services.js';
import type { AnswerResult, CompletedStep, Refusal, ReviewActionResult, ReviewStep } from '../app/review-types.js';
import type { Question } from '../core/interview/question.js';
import { MODEL_LABELS, MODELS, type Model } from '../core/models.js';
import { StorageError } from '../errors.js';
import type { Logger } from '../logger.js';
import { type SignOffView, toSignOffView } from '../render/signoff-view.js';
import type { Review } from '../storage/index.js';
import { type Actor, type Intent, NO_FACTS, type Turn } from './intents.js';
import type { Outbox } from './outbox.js';
import type { Renderer } from './renderer.js';
import { notParticipantText, reaskText, texts } from './texts.js';
import { type TypedCommand, typedCommand } from './typed-command.js';

export interface ConversationDeps<M> {
  services: AppServices;
  renderer: Renderer<M>;
  logger: Logger;
}

/** Reviews listed by `list`. */
export const LIST_LIMIT = 15;

type Of<K extends Intent['kind']> = Extract<Intent, { kind: K }>;

/**
 * The chat conversation, once for every surface: a turn's intent becomes calls on the review use cases, and the
 * outcome is posted, updated or told through the turn's outbox, drawn by the platform's renderer. It holds nothing
 * between turns but the keys of deliveries in flight: everything else is in the database, so a restart loses nothing.
 */
export class Conversation<M> {
  /** Deliveries being handled right now: a redelivery that arrives meanwhile is dropped (the first one answers it). */
  private readonly inFlight = new Set<string>();

  constructor(private readonly deps: ConversationDeps<M>) {}

  async handle(turn: Turn, out: Outbox<M>): Promise<void> {
    const key = turn.dedupeKey;
    if (key !== undefined) {
      if (this.inFlight.has(key)) return;
      this.inFlight.add(key);
    }
    try {
      await this.dispatch(turn, out);
    } catch (error) {
      // nothing of the turn was stored (its transaction rolled back): say so, rather than nothing
      if (!(error instanceof StorageError)) throw error;
      this.deps.logger.error({ failure: error.failure, intent: turn.intent.kind }, 'could not store a turn');
      await this.tell(out, texts.storageFailed(error.failure));
    } finally {
      if (key !== undefined) this.inFlight.delete(key);
    }
  }

  private async dispatch(turn: Turn, out: Outbox<M>): Promise<void> {
    const { intent } = turn;
    const foreign = await this.foreignReview(turn);
    if (foreign) return this.tell(out, texts.otherConversation);
    switch (intent.kind) {
      case 'start':
        return this.start(turn, intent, out);
      case 'answer':
        return this.answer(turn, intent, out);
      case 'skip':
      case 'back':
        return this.skipOrBack(turn, intent, out);
      case 'change':
        return this.change(turn, intent, out);
      case 'cancel':
        return this.cancel(turn, intent, out);
      case 'add':
        return this.add(turn, intent, out);
      case 'decide':
        return this.decide(turn, intent, out);
      case 'share':
        return this.share(turn, intent, out);
      case 'signoff':
        return this.signOff(turn, intent, out);
      case 'approve':
      case 'request_changes':
        return this.signOffAction(turn, intent, out);
      case 'export':
        return this.exportAdr(intent, out);
      case 'list':
        return this.list(turn, out);
      case 'resume':
        return this.resume(turn, intent, out);
      case 'digest':
        return this.digest(turn, intent, out);
      case 'lens':
        return this.tell(out, texts.lenses(this.reviews.lenses));
      case 'help':
        return out.tell(this.r.help(turn.where));
    }
  }

  private async list(turn: Turn, out: Outbox<M>): Promise<void> {
    await out.tell(this.r.list(await this.reviews.listForUser(turn.where.platform, turn.where.workspaceId, turn.actor.id, LIST_LIMIT)));
  }

  private get reviews() {
    return this.deps.services.reviews;
  }

  private get r(): Renderer<M> {
    return this.deps.renderer;
  }

  // ---- starting ------------------------------------------------------------------------------------------

  private async start(turn: Turn, intent: Of<'start'>, out: Outbox<M>): Promise<void> {
    const { where, actor } = turn;
    let thread = where.threadRef;
    let parentRef = where.threadRoot;
    if (!thread) {
      // No thread yet (a slash command): the opener's replies are the review's thread.
      const opened = await out.post(this.r.threadOpener(actor, intent.workloadName), {});
      if (!opened.ok || !opened.ref) {
        await this.tell(
          out,
          this.r.postFailure(opened.ok ? 'no_ts' : opened.code, texts.couldNotPost.start, opened.ok ? undefined : opened.retryInMs),
        );
        return;
      }
      thread = opened.ref;
      parentRef = opened.ref;
    }
    const audience = await (turn.facts ?? NO_FACTS).audience();
    const place = { ...where, threadRef: thread, conversationRef: where.conversationRef ?? null, audience };
    const result = await this.reviews.startInThread(place, actor.id, intent.workloadName, {
      ...(parentRef !== undefined ? { parentRef } : {}),
      ...(turn.dedupeKey !== undefined ? { dedupeKey: turn.dedupeKey } : {}),
    });
    switch (result.kind) {
      case 'duplicate':
        await this.recover(turn, result.review, out);
        return;
      case 'not_found':
        return;
      case 'already_running':
        return this.tell(out, texts.alreadyRunning(result.review));
      case 'started': {
        const { review, step } = result;
        this.deps.logger.info({ reviewId: review.id, channelId: where.channelId }, 'review started');
        const intro = this.r.intro(review, actor, where);
        if (intro) {
          const posted = await out.post(intro, { review });
          if (posted.ok && posted.ref) await this.reviews.notePosted(review.id, 'parent', '', posted.ref);
        }
        await this.postStep(review, step, out);
      }
    }
  }

  // ---- answering -----------------------------------------------------------------------------------------

  private async answer(turn: Turn, intent: Of<'answer'>, out: Outbox<M>): Promise<void> {
    const reviewId = intent.reviewId ?? (await this.openInThread(turn))?.id;
    if (!reviewId) {
      if (intent.addressed) await this.tell(out, texts.notStarted(this.r.startHint));
      return;
    }
    if (intent.text.trim() === '') {
      // a bare mention in the thread: show where the review stands (also recovers a message that failed to post)
      const step = await this.reviews.step(reviewId);
      const review = await this.reviews.get(reviewId);
      if (review && step && step.kind !== 'closed') await this.postStep(review, step, out);
      return;
    }
    const command = typedCommand(intent.text);
    if (command) return this.typed(turn, command, reviewId, out);
    const result = await this.reviews.answer(reviewId, turn.actor.id, {
      text: intent.text,
      ...(intent.questionId !== undefined ? { questionId: intent.questionId } : {}),
      ...(turn.dedupeKey !== undefined ? { dedupeKey: turn.dedupeKey } : {}),
    });
    await this.afterAnswer(turn, result, out, intent.clicked);
  }

  private async afterAnswer(turn: Turn, result: AnswerResult, out: Outbox<M>, clicked: string | undefined): Promise<void> {
    if (result.kind === 'accepted') {
      const { review, question, label, step } = result;
      // What comes next first (the person is waiting for it), then the answered message, even if the post failed.
      await this.postStepThen(review, step, out, () =>
        this.markQuestion(review, question, this.r.answered(review, question, label, turn.actor), out, clicked),
      );
      return;
    }
    if (result.kind === 'rejected') {
      // In the thread, so everyone answering sees why; told privately if it cannot be posted there.
      const note = this.r.notice(reaskText(result.message));
      const posted = await out.post(note, { review: result.review });
      if (!posted.ok) await out.tell(note);
      return;
    }
    await this.refused(turn, result, out);
  }

  /** A command typed as a reply: the same as its button or slash command, for the question open now. */
  private async typed(turn: Turn, command: TypedCommand, reviewId: string, out: Outbox<M>): Promise<void> {
    if (command === 'help') return out.tell(this.r.help(turn.where));
    if (command === 'cancel') return this.cancel(turn, { kind: 'cancel', reviewId }, out);
    const step = await this.reviews.step(reviewId);
    const questionId = step?.kind === 'question' ? step.question.id : undefined;
    return this.skipOrBack(turn, { kind: command, reviewId, ...(questionId !== undefined ? { questionId } : {}) }, out);
  }

  private async skipOrBack(turn: Turn, intent: Of<'skip' | 'back'>, out: Outbox<M>): Promise<void> {
    const { reviews } = this;
    const question = intent.questionId !== undefined ? reviews.script.questions.find((q) => q.id === intent.questionId) : undefined;
    const key = turn.dedupeKey;
    const result =
      intent.kind === 'skip'
        ? await reviews.skip(intent.reviewId, turn.actor.id, intent.questionId, key)
        : await reviews.back(intent.reviewId, turn.actor.id, intent.questionId, key);
    await this.afterAction(turn, result, out, async (review) => {
      if (!question) return;
      const message =
        intent.kind === 'skip' ? this.r.answered(review, question, 'Skipped', turn.actor) : this.r.retired(question, 'went_back');
      await this.markQuestion(review, question, message, out, intent.clicked);
    });
  }

  private async change(turn: Turn, intent: Of<'change'>, out: Outbox<M>): Promise<void> {
    await this.afterAction(turn, await this.reviews.change(intent.reviewId, turn.actor.id, intent.questionId, turn.dedupeKey), out);
  }

  private async afterAction(
    turn: Turn,
    result: ReviewActionResult,
    out: Outbox<M>,
    then?: (review: Review) => Promise<void>,
  ): Promise<void> {
    if (result.kind === 'ok') {
      await this.postStepThen(result.review, result.step, out, () => then?.(result.review) ?? Promise.resolve());
      return;
    }
    if (result.kind === 'rejected') return this.tell(out, result.message);
    await this.refused(turn, result, out);
  }

  // ---- commands ------------------------------------------------------------------------------------------

  private async cancel(turn: Turn, intent: Of<'cancel'>, out: Outbox<M>): Promise<void> {
    const review = await this.target(turn, intent.reviewId);
    if (!review) return this.tell(out, intent.reviewId ? texts.notFoundId(intent.reviewId) : texts.noReview('cancel'));
    const before = await this.reviews.step(review.id);
    const result = await this.reviews.cancel(review.id, turn.actor.id);
    if (result.kind === 'not_participant') return this.tell(out, notParticipantText());
    if (result.kind !== 'ok') return this.tell(out, texts.nothingToCancel(review));
    if (before?.kind === 'question')
      await this.markQuestion(review, before.question, this.r.retired(before.question, 'cancelled'), out, undefined);
    const posted = await out.post(this.r.cancelled(turn.actor, review), { review });
    // the thread may be elsewhere (a slash command in the channel): confirm to the person too, where only they see it
    if (!posted.ok || out.tellsPrivately) await this.tell(out, texts.cancelled(review));
  }

  private async add(turn: Turn, intent: Of<'add'>, out: Outbox<M>): Promise<void> {
    const review = await this.target(turn, intent.reviewId);
    if (!review) return this.tell(out, intent.reviewId ? texts.notFoundId(intent.reviewId) : texts.noReview('add people to'));
    if (intent.people.length === 0) return this.tell(out, this.r.addUsage);
    const result = await this.reviews.addParticipants(
      review.id,
      turn.actor.id,
      intent.people.map((p) => p.id),
      turn.dedupeKey,
    );
    if (result.kind === 'duplicate') return;
    if (result.kind === 'not_found') return this.tell(out, texts.notFound);
    if (result.kind === 'not_participant') return this.tell(out, texts.onlyRequesterAdds);
    if (result.added.length === 0) return this.tell(out, texts.alreadyParticipants);
    const added = intent.people.filter((p) => result.added.includes(p.id));
    const posted = await out.post(this.r.added(added), { review });
    if (!posted.ok) await this.tell(out, texts.addedButNotPosted);
  }

  private async decide(turn: Turn, intent: Of<'decide'>, out: Outbox<M>): Promise<void> {
    if (!(MODELS as readonly string[]).includes(intent.model)) return this.tell(out, texts.unknownModel);
    const model = intent.model as Model;
    const result = await this.reviews.recordDecision(intent.reviewId, turn.actor.id, model, {
      ...(turn.dedupeKey !== undefined ? { dedupeKey: turn.dedupeKey } : {}),
      ...(intent.recommendationId !== undefined ? { recommendationId: intent.recommendationId } : {}),
    });
    switch (result.kind) {
      case 'duplicate':
        return;
      case 'not_found':
        return this.tell(out, texts.notFound);
      case 'not_participant':
        return this.tell(out, notParticipantText());
      case 'rejected':
        return this.tell(out, texts.decisionRefused(result.message));
      case 'superseded':
        return this.tell(out, texts.decisionOnSupersededCard);
      case 'ok': {
        const { review, step } = result;
        const posted = await out.post(this.r.decisionRecorded(turn.actor, model, result.againstAdvice), { review });
        if (!posted.ok) await this.tell(out, texts.decisionNotPosted(MODEL_LABELS[model]));
        // The current card shows what was decided (its buttons stay: a decision can be recorded again).
        await this.redrawCard(review, step, await this.signOffView(review.id), out);
      }
    }
  }

  private async share(turn: Turn, intent: Of<'share'>, out: Outbox<M>): Promise<void> {
    const result = await this.reviews.share(intent.reviewId, turn.actor.id, turn.dedupeKey);
    switch (result.kind) {
      case 'duplicate':
      case 'not_found':
        return;
      case 'not_participant':
        return this.tell(out, notParticipantText());
      case 'rejected':
        return this.tell(out, result.message);
      case 'ok': {
        const { review, step } = result;
        const card = this.r.recommendation(
          review,
          step,
          await this.reviews.answeredQuestions(review.id),
          await this.signOffView(review.id),
        );
        const posted = await out.post(card, { review, broadcast: true });
        if (!posted.ok) await this.tell(out, this.r.postFailure(posted.code, texts.couldNotPost.share, posted.retryInMs));
      }
    }
  }

  // ---- sign-off ------------------------------------------------------------------------------------------

  private get signOffs() {
    return this.deps.services.signOffs;
  }

  private async signOff(turn: Turn, intent: Of<'signoff'>, out: Outbox<M>): Promise<void> {
    const review = await this.signOffTarget(turn, intent.reviewId);
    if (!review) return this.tell(out, intent.reviewId ? texts.notFoundId(intent.reviewId) : texts.noSignOffReview);
    if (intent.approvers.length === 0) return this.tell(out, this.r.signOffUsage);
    const names = namesOf([turn.actor, ...intent.approvers]);
    const result = await this.signOffs.request(
      review.id,
      turn.actor.id,
      intent.approvers.map((a) => a.id),
      turn.dedupeKey,
      names,
    );
    switch (result.kind) {
      case 'duplicate':
      case 'not_found':
        return;
      case 'not_participant':
        return this.tell(out, texts.onlyParticipantsAskSignOff);
      case 'rejected':
        return this.tell(out, texts.signOffRefused(result.message));
      case 'ok': {
        if (result.added.length === 0) return this.tell(out, texts.alreadyApprovers);
        const step = await this.reviews.step(review.id);
        if (step?.kind !== 'completed') return;
        const view = toSignOffView(result.status, names);
        const approvers = intent.approvers.filter((a) => result.added.includes(a.id));
        const ask = { approvers, requestedBy: turn.actor, recommendationId: step.recommendationId, again: false, view };
        const posted = await out.post(this.r.signOffAsked(review, ask), { review });
        if (!posted.ok) await this.tell(out, texts.signOffNotPosted);
        await this.redrawCard(review, step, view, out);
      }
    }
  }

  private async signOffAction(turn: Turn, intent: Of<'approve' | 'request_changes'>, out: Outbox<M>): Promise<void> {
    const action = intent.kind === 'approve' ? 'approved' : 'changes_requested';
    // refused before anything else (a missing note included): someone not asked learns only that
    const approverId = await this.signOffs.approverIdOf(intent.reviewId, [turn.actor.id, ...(turn.actor.aliases ?? [])]);
    if (approverId === undefined) {
      if (!(await this.reviews.get(intent.reviewId))) return this.tell(out, texts.notFound);
      return this.tell(out, texts.notApprover);
    }
    const note = intent.kind === 'request_changes' ? intent.note : undefined;
    const result = await this.signOffs.act(intent.reviewId, approverId, action, {
      ...(note !== undefined ? { note } : {}),
      ...(turn.dedupeKey !== undefined ? { dedupeKey: turn.dedupeKey } : {}),
      ...(intent.recommendationId !== undefined ? { recommendationId: intent.recommendationId } : {}),
    });
    switch (result.kind) {
      case 'duplicate':
        return;
      case 'not_found':
        return this.tell(out, texts.notFound);
      case 'not_approver':
        return this.tell(out, texts.notApprover);
      case 'rejected':
        return this.tell(out, texts.signOffRefused(result.message));
      case 'superseded':
        return this.tell(out, texts.signOffOnSupersededAsk);
      case 'already':
        // a double click: the thread heard it the first time
        if (out.tellsPrivately) await this.tell(out, texts.signOffAlreadyRecorded);
        return;
      case 'ok': {
        const { review } = result;
        const actor = { ...turn.actor, id: approverId };
        const view = toSignOffView(result.status, namesOf([actor]));
        const posted = await out.post(this.r.signOffRecorded(actor, action, note?.trim() || null, view), { review });
        if (!posted.ok) await this.tell(out, texts.signOffNotPosted);
        const step = await this.reviews.step(review.id);
        if (step?.kind === 'completed') await this.redrawCard(review, step, view, out);
      }
    }
  }

  /** The review named, else the newest in this thread whatever its status, else the person's latest. */
  private async signOffTarget(turn: Turn, reviewId: string | undefined): Promise<Review | undefined> {
    const { where } = turn;
    if (reviewId === undefined && where.threadRef) return this.reviews.findByThread(where.platform, where.channelId, where.threadRef);
    return this.target(turn, reviewId, { includeCompleted: true });
  }

  /** The sign-off state for the card, once someone has asked for sign-off (approvers by their stored names). */
  private async signOffView(reviewId: string): Promise<SignOffView | undefined> {
    const status = await this.signOffs.status(reviewId);
    return status && status.state !== 'not_requested' ? toSignOffView(status) : undefined;
  }

  /** The current card, drawn again with what changed (a decision, the sign-off state). */
  private async redrawCard(review: Review, step: CompletedStep, signOff: SignOffView | undefined, out: Outbox<M>): Promise<void> {
    const card = await this.reviews.messageRef(review.id, 'card');
    if (card === undefined) return;
    await out.update(review, card, this.r.recommendation(review, step, await this.reviews.answeredQuestions(review.id), signOff));
  }

  /**
   * A newer recommendation replaced the card: approvals given on the old one have lapsed, so the approvers who have
   * not acted on this one are asked again, with fresh buttons.
   */
  private async askAgain(review: Review, step: CompletedStep, out: Outbox<M>): Promise<void> {
    const status = await this.signOffs.status(review.id);
    if (!status) return;
    const waiting = status.approvers.filter((a) => a.current === null);
    const first = waiting[0];
    if (!first) return;
    const ask = {
      approvers: waiting.map((a) => ({ id: a.approverId, ...(a.approverName ? { name: a.approverName } : {}) })),
      requestedBy: { id: first.requestedBy, ...(first.requestedByName ? { name: first.requestedByName } : {}) },
      recommendationId: step.recommendationId,
      again: true,
      view: toSignOffView(status),
    };
    const posted = await out.post(this.r.signOffAsked(review, ask), { review });
    if (posted.ok) this.deps.logger.info({ reviewId: review.id, approvers: waiting.length }, 'approvers asked again after a change');
  }

  /**
   * The decision record for whoever asked, told only to them: a signed link, and on a platform that takes files, the
   * Markdown file in the review's thread. Anyone who can see the card may ask; the record holds what the thread shows.
   */
  private async exportAdr(intent: Of<'export'>, out: Outbox<M>): Promise<void> {
    const prepared = await this.deps.services.adrExports.prepare(intent.reviewId);
    const review = await this.reviews.get(intent.reviewId);
    if (prepared.kind === 'not_found' || !review) return this.tell(out, texts.notFound);
    const upload = out.upload
      ? await out.upload(review, { fileName: prepared.fileName, title: `ADR: ${prepared.workloadName}`, content: prepared.markdown })
      : 'none';
    this.deps.logger.info({ reviewId: review.id, link: prepared.link !== null, upload }, 'decision record exported');
    await out.tell(this.r.adrExport({ workloadName: prepared.workloadName, link: prepared.link, upload }));
  }

  private async resume(turn: Turn, intent: Of<'resume'>, out: Outbox<M>): Promise<void> {
    const review = await this.target(turn, intent.reviewId, { includeCompleted: intent.reviewId !== undefined });
    if (!review) return this.tell(out, intent.reviewId ? texts.notFoundId(intent.reviewId) : texts.noReview('resume'));
    if (!(await this.reviews.isParticipant(review.id, turn.actor.id))) return this.tell(out, notParticipantText());
    const step = await this.reviews.step(review.id);
    if (!step || step.kind === 'closed') return this.tell(out, texts.closed(review, this.r.startHint));
    const posted = await this.postStep(review, step, out);
    if (posted && out.tellsPrivately) await this.tell(out, texts.resumed(review));
  }

  /**
   * Who may apply a digest command is decided from the parsed command (what it does), never from its words: every
   * verb that changes a channel's digest needs an admin, on every platform.
   */
  private async digest(turn: Turn, intent: Of<'digest'>, out: Outbox<M>): Promise<void> {
    const { where, actor } = turn;
    const { digests } = this.deps.services;
    const facts = turn.facts ?? NO_FACTS;
    const parsed = digests.parse(intent.text);
    if (parsed.kind === 'error') return out.tell(this.r.digestReply(parsed.reply));
    if (digests.changes(parsed.command) && !(await facts.actorIsAdmin())) {
      this.deps.logger.info(
        { channelId: where.channelId, userId: actor.id, verb: parsed.command.kind },
        'digest change refused: not an admin',
      );
      return this.tell(out, texts.digestAdminsOnly);
    }
    const place = {
      platform: where.platform,
      workspaceId: where.workspaceId,
      channelId: where.channelId,
      conversationRef: where.conversationRef ?? null,
      audience: parsed.command.kind === 'weekly' ? await facts.audience() : null,
    };
    const result = await digests.apply(place, actor.id, parsed.command);
    if (result.kind === 'preview') return out.tell(this.r.digestPreview(result.view));
    this.deps.logger.info({ channelId: where.channelId, userId: actor.id }, 'digest setting handled');
    return out.tell(this.r.digestReply(result.reply));
  }

  // ---- refusals and recovery -----------------------------------------------------------------------------

  private async refused(turn: Turn, result: Refusal, out: Outbox<M>): Promise<void> {
    switch (result.kind) {
      case 'not_found':
        return this.tell(out, texts.notFound);
      case 'not_participant':
        return this.tell(out, notParticipantText());
      case 'closed':
        return this.tell(out, texts.closed(result.review, this.r.startHint));
      case 'duplicate':
        // a redelivery: the first delivery did the work, unless a crash left its reply unposted
        await this.recover(turn, result.review, out);
        return;
      case 'stale': {
        // a click on an old question: if the current one was never posted (a crash), this is the moment to post it
        if (await this.recover(turn, result.review, out)) return;
        // where only the clicker would hear it, say so
        if (!out.tellsPrivately) return;
        const waiting = result.step.kind !== 'closed' && (await this.reviews.unpostedStep(result.review.id, { graceMs: 0 })) !== undefined;
        await this.tell(out, waiting ? texts.nextOnItsWay : texts.alreadyAnswered);
      }
    }
  }

  /**
   * Posts the step a crash left unposted (see ReviewService.unpostedStep); true when it did. A resumed turn posts it
   * at once: it is the delivery whose replies went unposted, and nothing else is posting them.
   */
  private async recover(turn: Turn, review: Review, out: Outbox<M>): Promise<boolean> {
    const unposted = await this.reviews.unpostedStep(review.id, turn.resumed ? { graceMs: 0 } : {});
    if (!unposted) return false;
    this.deps.logger.info({ reviewId: review.id, resumed: turn.resumed === true }, 'posting a step a crash left unposted');
    await this.postStep(unposted.review, unposted.step, out);
    return true;
  }

  /**
   * A card or button names its review: acting on it from another platform, workspace or conversation than the
   * review's own is refused, whoever acts (a review id is not a capability).
   */
  private async foreignReview(turn: Turn): Promise<boolean> {
    const { intent, where } = turn;
    const reviewId =
      'reviewId' in intent && intent.kind !== 'cancel' && intent.kind !== 'resume' && intent.kind !== 'add' && intent.kind !== 'signoff'
        ? intent.reviewId
        : undefined;
    if (reviewId === undefined) return false;
    const review = await this.reviews.get(reviewId);
    if (!review) return false;
    return review.platform !== where.platform || review.workspaceId !== where.workspaceId || review.channelId !== where.channelId;
  }

  // ---- posting -------------------------------------------------------------------------------------------

  /** Posts the next question, the recommendation or a closing note, and remembers it; says so when it could not. */
  private async postStep(review: Review, step: ReviewStep, out: Outbox<M>): Promise<boolean> {
    const thread = { review };
    if (step.kind === 'closed') return (await out.post(this.r.notice(texts.stepClosed(step.status)), thread)).ok;
    const question = step.kind === 'question';
    const message = question
      ? this.r.question(review, step)
      : this.r.recommendation(review, step, await this.reviews.answeredQuestions(review.id), await this.signOffView(review.id));
    const previousCard = question ? undefined : await this.reviews.messageRef(review.id, 'card');
    const posted = await out.post(message, thread);
    if (posted.ok) {
      if (posted.ref)
        await this.reviews.notePosted(review.id, question ? 'question' : 'card', question ? step.question.id : '', posted.ref);
      // A newer recommendation replaces the card before it: that one says so and has nothing left to press.
      if (previousCard !== undefined && posted.ref !== undefined && previousCard !== posted.ref) {
        await out.update(review, previousCard, this.r.superseded(review));
        if (step.kind === 'completed') await this.askAgain(review, step, out);
      }
      return true;
    }
    const what = question ? texts.couldNotPost.question : texts.couldNotPost.card;
    await this.tell(out, `${this.r.postFailure(posted.code, what, posted.retryInMs)} ${this.r.resumeHint(review)}`);
    return false;
  }

  /** The next step, then `then` (updating the message acted on) even when the post failed. */
  private async postStepThen(review: Review, step: ReviewStep, out: Outbox<M>, then: () => Promise<void>): Promise<void> {
    try {
      await this.postStep(review, step, out);
    } finally {
      await then();
    }
  }

  /**
   * Replaces a question's message (the stored one, and the clicked copy if that is another, e.g. after `resume`) so
   * it shows the outcome and has nothing left to click. A failed update is cosmetic: a second click is stale.
   */
  private async markQuestion(review: Review, question: Question, message: M, out: Outbox<M>, clicked: string | undefined): Promise<void> {
    const refs = new Set(
      [await this.reviews.messageRef(review.id, 'question', question.id), clicked].filter((ref): ref is string => typeof ref === 'string'),
    );
    for (const ref of refs) await out.update(review, ref, message);
  }

  private tell(out: Outbox<M>, text: string): Promise<void> {
    return out.tell(this.r.notice(text));
  }

  // ---- finding the review --------------------------------------------------------------------------------

  private async openInThread(turn: Turn): Promise<Review | undefined> {
    const { where } = turn;
    return where.threadRef ? await this.reviews.findOpenByThread(where.platform, where.channelId, where.threadRef) : undefined;
  }

  private target(turn: Turn, reviewId: string | undefined, options: { includeCompleted?: boolean } = {}): Promise<Review | undefined> {
    return this.reviews.findTarget(turn.where, turn.actor.id, reviewId, options);
  }
}

/** The display names these people came with (a platform that sends names with mentions). */
function namesOf(people: readonly Actor[]): Record<string, string> {
  const names: Record<string, string> = {};
  for (const person of people) if (person.name) names[person.id] = person.name;
  return names;
}

export type { Actor };
