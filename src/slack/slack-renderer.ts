import { toQuestionView } from '../app/question-view.js';
import type { ReviewSummary } from '../app/review-types.js';
import type { Actor, Renderer } from '../conversation/index.js';
import type { Question } from '../core/interview/question.js';
import { MODEL_LABELS, type Model } from '../core/models.js';
import { renderDigestBlocks } from '../digest/digest-blocks.js';
import { adrExportBlocks } from '../render/adr-export-reply.js';
import { renderRecommendationBlocks } from '../render/block-kit.js';
import { contextBlock, fallbackText, type KnownBlock, sectionBlock } from '../render/block-kit-parts.js';
import { escapeMrkdwn } from '../render/escape.js';
import { noticeBlocks } from '../render/notices.js';
import { renderAnsweredQuestionBlocks, renderQuestionBlocks } from '../render/question-blocks.js';
import { signOffAskBlocks, signOffCardBlocks, signOffRecordedBlocks } from '../render/signoff-blocks.js';
import { toRecommendationView } from '../render/recommendation-view.js';
import { slackPermalink } from '../render/slack-ids.js';
import { STATUS_LABELS } from '../render/status-label.js';
import type { Review } from '../storage/index.js';
import { helpMessage } from './commands/help-text.js';
import { mention } from './slack-text.js';

/** A Slack message: blocks and the notification/fallback text. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

const COMMAND = '/compute-advice';

const line = (mrkdwn: string): SlackMessage => ({ text: fallbackText(mrkdwn), blocks: [sectionBlock(mrkdwn)] });

/** "about 2 minutes", "about an hour": when a postponed post is tried again. */
function roughly(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return minutes === 1 ? 'about a minute' : `about ${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  return hours === 1 ? 'about an hour' : `about ${hours} hours`;
}

/** What to tell someone when a post failed, by Slack's error code (retryInMs: it was postponed, and is tried again). */
function postFailureText(code: string, what: string, retryInMs?: number): string {
  if (retryInMs !== undefined)
    return `I couldn't ${what} yet: Slack is rate-limiting me. Anything you answered is saved, and I'll try again in ${roughly(retryInMs)}.`;
  switch (code) {
    case 'not_in_channel':
      return `I couldn't ${what}: I'm not a member of this channel. Invite me with /invite and try again.`;
    case 'channel_not_found':
      return `I couldn't ${what}: I can't post in this conversation. Run /compute-advice in a channel I'm in, or in a direct message with me.`;
    case 'is_archived':
      return `I couldn't ${what}: this channel is archived.`;
    case 'ratelimited':
      return `I couldn't ${what}: Slack is rate-limiting me. Please try again in a minute.`;
    case 'timeout':
      return `I couldn't ${what}: Slack did not answer in time. Please try again in a moment.`;
    default:
      return `Sorry, I couldn't ${what} (Slack said: ${code}). Please try again in a moment.`;
  }
}

/** "<@U1> asked for a compute review of *payments-webhooks*": who asked, for what (the name escaped). */
export function parentMessage(userId: string, workloadName: string): SlackMessage {
  const asked = `${mention(userId)} asked for a compute review of *${escapeMrkdwn(workloadName)}*`;
  return {
    text: fallbackText(asked),
    blocks: [sectionBlock(`${asked}\nI'll ask a few questions in this thread; buttons for choices, thread replies for numbers.`)],
  };
}

/** A question message once answered: the answer instead of the buttons, so old buttons cannot be pressed again. */
export function answeredMessage(review: Review, question: Question, label: string, userId: string): SlackMessage {
  const view = toQuestionView(review.id, {
    kind: 'question',
    question,
    progress: { position: 1, total: 1, exact: true },
    canGoBack: false,
  });
  const rendered = renderAnsweredQuestionBlocks(view, label);
  return { text: rendered.text, blocks: [...rendered.blocks, contextBlock(`Answered by ${mention(userId)}`)] };
}

export function decisionLine(userId: string, model: Model, againstAdvice: boolean): string {
  const verdict = againstAdvice
    ? 'This goes *against the advice*: the review rated it caution or unsuitable.'
    : 'This is in line with the advice.';
  return `${mention(userId)} recorded the decision: *${MODEL_LABELS[model]}*. ${verdict}`;
}

/** One review as a mrkdwn line for `list` and the Home tab: name, status, recommendation, decision, a link to the thread. */
export function reviewSummaryLine({ review, recommended, decided }: ReviewSummary): string {
  const parts = [`*${escapeMrkdwn(review.workloadName)}*`, STATUS_LABELS[review.status]];
  if (recommended) parts.push(`recommended: ${escapeMrkdwn(MODEL_LABELS[recommended])}`);
  if (decided) parts.push(`decided: ${escapeMrkdwn((MODEL_LABELS as Record<string, string>)[decided] ?? decided)}`);
  const link = slackPermalink(review.channelId, review.threadRef);
  const tail = [link ? `<${link}|Open thread>` : null, `review ${escapeMrkdwn(review.id)}`].filter(Boolean).join(' · ');
  return `${parts.join(' · ')}\n${tail}`;
}

/** The conversation drawn as Block Kit, in Slack's words. */
export const slackRenderer: Renderer<SlackMessage> = {
  startHint: `${COMMAND} <workload name>`,
  resumeHint: (review) => `Use ${COMMAND} resume ${review.id} to try again.`,
  postFailure: postFailureText,
  addUsage: `Pick the people from the @ autocomplete: ${COMMAND} add @someone [review id].`,
  signOffUsage: `Name the approvers from the @ autocomplete: reply \`signoff @someone\` in the review's thread, or ${COMMAND} signoff @someone [review id].`,

  threadOpener: (actor, workloadName) => parentMessage(actor.id, workloadName),
  // the opener (or the mention that started it) already says what the thread is for
  intro: () => undefined,
  question: (review, step) => renderQuestionBlocks(toQuestionView(review.id, step)),
  answered: (review, question, label, actor) => answeredMessage(review, question, label, actor.id),
  retired: (question, reason) => {
    const note = reason === 'went_back' ? '↩ Went back to the previous question.' : 'Cancelled: this review is closed.';
    return {
      text: fallbackText(`${escapeMrkdwn(question.text)}: ${escapeMrkdwn(note)}`),
      blocks: [sectionBlock(`*${escapeMrkdwn(question.text)}*\n${escapeMrkdwn(note)}`)],
    };
  },
  recommendation: (review, step, changeOptions, signOff) => {
    const view = toRecommendationView(step.recommendation, {
      reviewId: review.id,
      workloadName: review.workloadName,
      recommendationId: step.recommendationId,
      ...(step.decision ? { decision: step.decision } : {}),
    });
    const card = renderRecommendationBlocks(view, {
      actions: true,
      changeOptions: changeOptions.map((q) => ({ questionId: q.id, label: q.text })),
    });
    return { ...card, blocks: [...card.blocks, ...signOffCardBlocks(review.id, step.recommendationId, signOff)] };
  },
  superseded: (review) =>
    noticeBlocks(
      `This recommendation for ${review.workloadName} was replaced after an answer changed: the current one is further down this thread.`,
    ),
  notice: noticeBlocks,
  decisionRecorded: (actor, model, againstAdvice) => line(decisionLine(actor.id, model, againstAdvice)),
  added: (people: Actor[]) => line(`${people.map((p) => mention(p.id)).join(', ')} can now answer this review too.`),
  cancelled: (actor) => line(`${mention(actor.id)} cancelled this review.`),
  signOffAsked: (review, ask) => signOffAskBlocks(review, ask),
  signOffRecorded: (actor, action, note, view) => signOffRecordedBlocks(actor.id, action, note, view),
  list: (items) => {
    if (items.length === 0) return noticeBlocks(`You have no compute reviews yet. Start one with ${COMMAND} <workload name>.`);
    const blocks: KnownBlock[] = [
      sectionBlock(`*Your compute reviews* (latest ${items.length})`),
      ...items.map((item) => sectionBlock(reviewSummaryLine(item))),
    ];
    return { text: fallbackText(`Your compute reviews (${items.length})`), blocks };
  },
  help: () => helpMessage(),
  digestPreview: (view) => renderDigestBlocks(view),
  digestReply: (reply) => noticeBlocks(reply.text),
  adrExport: adrExportBlocks,
};
