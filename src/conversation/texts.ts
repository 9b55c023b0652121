import type { StorageFailure } from '../errors.js';
import { cleanInline, truncate } from '../render/escape.js';
import type { Review } from '../storage/index.js';

/**
 * Every sentence the conversation says on its own, for both platforms: refusals, confirmations and hints. PLAIN,
 * UNESCAPED text (some quote user text): the renderers escape it. `hint` is the platform's way to start a review.
 */

const ECHO_MAX = 600;

/** After an answer that could not be used: the parser's reason and hint, with one "Sorry" at most. */
export function reaskText(message: string): string {
  const reason = truncate(cleanInline(message), ECHO_MAX);
  return /^sorry\b/i.test(reason) ? reason : `Sorry: ${reason}`;
}

export function notParticipantText(): string {
  return 'Only the person who started this review, and people they added, can answer or change it.';
}

export const texts = {
  notFound: "I can't find that review any more.",
  notFoundId: (reviewId: string) => `I can't find review ${reviewId}.`,
  closed: (review: Review, hint: string) =>
    `The review of ${review.workloadName} is ${review.status.replace('_', ' ')}. Start a new one with ${hint}.`,
  alreadyAnswered: 'That question was already answered; see the latest question in the thread.',
  alreadyRunning: (review: Review) =>
    `A review of ${review.workloadName} is already running in this thread (${review.id}): answer it here, or cancel it first.`,
  notStarted: (hint: string) => `To start a review, send ${hint}. Say "help" for more.`,
  stepClosed: (status: 'cancelled' | 'expired') => (status === 'cancelled' ? 'This review was cancelled.' : 'This review expired.'),
  noReview: (what: 'cancel' | 'resume' | 'add people to') => `There is no open review here to ${what}.`,
  nothingToCancel: (review: Review) => `The review of ${review.workloadName} is not open, so there is nothing to cancel.`,
  cancelled: (review: Review) => `Cancelled the review of ${review.workloadName} (${review.id}).`,
  resumed: (review: Review) => `Picked up the review of ${review.workloadName} (${review.id}) in its thread.`,
  onlyRequesterAdds: 'Only the person who started this review can add people to it.',
  alreadyParticipants: 'They can already answer this review.',
  addedButNotPosted: 'Added them, but I could not say so in the thread.',
  unknownModel: 'That is not one of the models I know.',
  decisionRefused: (message: string) => `I couldn't record that: ${message}.`,
  decisionOnSupersededCard:
    'That card shows an older recommendation: an answer changed since. Record the decision on the current card, further down the thread.',
  decisionNotPosted: (model: string) => `Recorded your decision (${model}), but I couldn't post it in the thread.`,
  noSignOffReview: 'There is no review here to sign off: ask in the thread of a finished review, or give its review id.',
  onlyParticipantsAskSignOff: 'Only the people taking part in this review can ask for its sign-off.',
  signOffRefused: (message: string) => `I couldn't do that: ${message}.`,
  alreadyApprovers: 'They were asked to sign this review off already.',
  signOffNotPosted: "That is recorded, but I couldn't say so in the thread.",
  notApprover: 'Only the people asked to sign this review off can approve it or request changes.',
  signOffOnSupersededAsk:
    'That sign-off request is for an older recommendation: an answer changed since. Use the newest request further down the thread.',
  signOffAlreadyRecorded: 'Your sign-off on this recommendation is recorded already.',
  lenses: (active: ReadonlyArray<{ name: string; version: string; description: string }>) =>
    active.length === 0
      ? 'No organisation lens is active: the advice follows the built-in rules.'
      : `Active ${active.length === 1 ? 'lens' : 'lenses'}, applied in this order over the built-in rules: ${active
          .map((lens) => `${lens.name} ${lens.version} (${lens.description})`)
          .join('; ')}.`,
  noReviews: (hint: string) => `You have no compute reviews yet. Start one with ${hint}.`,
  digestAdminsOnly:
    'Only workspace admins, team owners and people on the bot\'s admin list can change this channel\'s digest. Anyone can ask for "digest preview".',
  otherConversation: 'That card belongs to a review in another conversation: answer it where it was asked.',
  nextOnItsWay: 'That question was already answered; the next one is on its way.',
  storageFailed: (failure: StorageFailure) =>
    failure === 'full'
      ? "Sorry, I couldn't save that: the server's disk is full. Nothing was stored; please try again later."
      : "Sorry, I couldn't save that: the server's database is not accepting changes right now. Nothing was stored; please try again later.",
  /** Steps that failed to post: what the bot tried to do. */
  couldNotPost: {
    question: 'post the next question',
    card: 'post the recommendation',
    start: 'start the review here',
    share: 'share the card',
  },
} as const;
