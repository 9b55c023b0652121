import { toQuestionView } from '../app/question-view.js';
import type { Actor, Renderer, Where } from '../conversation/index.js';
import type { Question } from '../core/interview/question.js';
import { MODEL_LABELS } from '../core/models.js';
import { renderDigestCard } from '../digest/digest-card.js';
import { renderRecommendationCard } from '../render/adaptive-card.js';
import { adrExportCard } from '../render/adr-export-reply.js';
import { changeOptionsOf } from '../render/change-options.js';
import { noticeCard } from '../render/notices.js';
import { renderAnsweredQuestionCard, renderQuestionCard } from '../render/question-card.js';
import { signOffAskCard, signOffCardElements, signOffRecordedCard } from '../render/signoff-card.js';
import { toRecommendationView } from '../render/recommendation-view.js';
import type { Review } from '../storage/index.js';
import { COMMAND_WORD } from './parse-command.js';
import { cancelledQuestionCard, helpCard, introCard, listCard, wentBackCard } from './teams-cards.js';
import type { OutgoingMessage } from './teams-message.js';

const SIGN_OFF_USAGE = 'To ask for sign-off, mention me here with the approvers: "signoff @Alex @Sam".';

const card = (text: string): OutgoingMessage => ({ card: noticeCard(text) });
const conversationType = (where: Where) => (where.directChat ? 'personal' : 'channel');

/** A question on its own, for the card that replaces it once it is answered. */
function viewOf(review: Review, question: Question) {
  return toQuestionView(review.id, { kind: 'question', question, progress: { position: 1, total: 1, exact: true }, canGoBack: false });
}

/** The conversation drawn as Adaptive Cards (Teams renders 1.5), in Teams' words. */
export const teamsRenderer: Renderer<OutgoingMessage> = {
  startHint: `${COMMAND_WORD} <workload name>`,
  resumeHint: () => 'Anything you answered is saved: mention me in this thread to see the current question.',
  postFailure: (code, what) => `Sorry, I couldn't ${what} (Teams said: ${code}).`,
  addUsage: 'Mention the people to add, e.g. "add @Alex".',
  signOffUsage: SIGN_OFF_USAGE,

  threadOpener: (_actor, workloadName) => card(`Compute review: ${workloadName}`),
  intro: (review, actor, where) => ({ card: introCard(review, actor.name ?? 'someone', conversationType(where)) }),
  question: (review, step) => ({ card: renderQuestionCard(toQuestionView(review.id, step)) }),
  answered: (review, question, label, actor) => ({
    card: renderAnsweredQuestionCard(viewOf(review, question), label, actor.name ?? 'someone'),
  }),
  retired: (question, reason) => ({ card: reason === 'went_back' ? wentBackCard(question.text) : cancelledQuestionCard(question.text) }),
  recommendation: (review, step, changeOptions, signOff) => {
    const view = toRecommendationView(step.recommendation, {
      reviewId: review.id,
      workloadName: review.workloadName,
      recommendationId: step.recommendationId,
      ...(step.decision ? { decision: step.decision } : {}),
    });
    const rendered = renderRecommendationCard(view, { actions: true, changeOptions: changeOptionsOf(changeOptions) });
    return { card: { ...rendered, body: [...rendered.body, ...signOffCardElements(signOff, SIGN_OFF_USAGE)] } };
  },
  superseded: (review) =>
    card(
      `This recommendation for ${review.workloadName} was replaced after an answer changed: the current one is further down this conversation.`,
    ),
  notice: card,
  decisionRecorded: (_actor, model, againstAdvice) =>
    card(
      againstAdvice
        ? `Decision recorded: ${MODEL_LABELS[model]}, against the advice. It will show in the weekly digest.`
        : `Decision recorded: ${MODEL_LABELS[model]}.`,
    ),
  added: (people: Actor[]) => card(`${people.map((p) => p.name || p.id).join(', ')} can now answer this review too.`),
  signOffAsked: (review, ask) => ({ card: signOffAskCard(review, ask) }),
  signOffRecorded: (actor, action, note, view) => ({ card: signOffRecordedCard(actor, action, note, view) }),
  cancelled: (_actor, review) => card(`Cancelled the review of ${review.workloadName}.`),
  list: (items) => ({ card: listCard(items.map((item) => item.review)) }),
  help: (where) => ({ card: helpCard(conversationType(where)) }),
  digestPreview: (view) => ({ card: renderDigestCard(view) }),
  digestReply: (reply) => ({ text: reply.teamsMarkdown }),
  adrExport: (reply) => ({ card: adrExportCard(reply) }),
};
