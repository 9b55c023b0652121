import { newCard, type AcElement, type AdaptiveCard } from '../render/adaptive-card-types.js';
import { adaptivePlainText, escapeAdaptiveText, truncate } from '../render/escape.js';
import { STATUS_LABELS } from '../render/status-label.js';
import type { Review } from '../storage/index.js';
import { COMMAND_WORD } from './parse-command.js';

/** Teams-only cards: help, the review intro, the list of reviews, the "went back" replacement. */

const text = (value: string, extra: Partial<Extract<AcElement, { type: 'TextBlock' }>> = {}): AcElement => ({
  type: 'TextBlock',
  text: value || ' ',
  wrap: true,
  ...extra,
});

export function helpCard(conversationType: 'personal' | 'channel' | 'groupChat'): AdaptiveCard {
  const mention = conversationType === 'personal' ? '' : '@compute-advice ';
  return newCard(
    [
      text('compute-advice reviews where a workload should run', { weight: 'bolder', style: 'heading' }),
      text(
        'VMs, containers, serverless containers, functions (FaaS) or WebAssembly at the edge. ' +
          'I ask one question at a time, then post a recommendation with the reasons, rough costs and what would change it.',
        { spacing: 'small' },
      ),
      {
        type: 'FactSet',
        facts: [
          {
            title: `${COMMAND_WORD} <name>`,
            value: escapeAdaptiveText(`start a review, e.g. ${mention}${COMMAND_WORD} payments-webhooks`),
          },
          { title: 'help', value: 'this message' },
          { title: 'list', value: 'your recent reviews' },
          { title: 'lens', value: 'the organisation lenses shaping the advice' },
          { title: 'back', value: 'go back to the previous question' },
          { title: 'skip', value: 'skip an optional question' },
          { title: 'cancel', value: 'stop the review running in this thread' },
          { title: 'add @person', value: 'let a colleague answer too' },
          { title: 'signoff @person', value: 'ask people to sign off a finished review (in its thread)' },
        ],
      },
      text(
        conversationType === 'personal'
          ? 'Answer on each card, or just type the answer here.'
          : 'Answer on each card, or reply in the thread mentioning me, e.g. "@compute-advice about 40 req/s".',
        { isSubtle: true, size: 'small' },
      ),
    ],
    { fallbackText: `Start a review with: ${COMMAND_WORD} <workload name>` },
  );
}

export function introCard(review: Review, requesterName: string, conversationType: 'personal' | 'channel' | 'groupChat'): AdaptiveCard {
  const how =
    conversationType === 'personal'
      ? 'Answer on each card, or type the answer here. Say "cancel" to stop.'
      : 'Answer on each card, or reply here mentioning me with the answer. Only the requester and people they add can answer.';
  return newCard(
    [
      text(`Compute review: ${escapeAdaptiveText(review.workloadName)}`, { weight: 'bolder', style: 'heading' }),
      text(`Started by ${escapeAdaptiveText(requesterName)}. ${how}`, { spacing: 'small' }),
      text(`Review ${escapeAdaptiveText(review.id)}`, { isSubtle: true, size: 'small' }),
    ],
    { fallbackText: adaptivePlainText(`Compute review: ${review.workloadName}`, 300) },
  );
}

export function listCard(reviews: Review[]): AdaptiveCard {
  if (reviews.length === 0) {
    return newCard([text(`You have no reviews yet. Start one with: ${COMMAND_WORD} <workload name>`)], {
      fallbackText: 'You have no reviews yet.',
    });
  }
  return newCard(
    [
      text('Your recent reviews', { weight: 'bolder', style: 'heading' }),
      {
        type: 'FactSet',
        facts: reviews.map((r) => ({
          title: escapeAdaptiveText(truncate(r.workloadName, 60)),
          value: escapeAdaptiveText(`${STATUS_LABELS[r.status]} · ${r.id}`),
        })),
      },
    ],
    { fallbackText: `Your recent reviews: ${reviews.length}` },
  );
}

/** Replaces a question card after "Back", so it cannot be answered any more. */
export function wentBackCard(questionText: string): AdaptiveCard {
  return newCard(
    [
      text(escapeAdaptiveText(questionText), { weight: 'bolder' }),
      text('↩ Went back to the previous question', { spacing: 'small', isSubtle: true }),
    ],
    { fallbackText: adaptivePlainText(`${questionText}: went back`, 300) },
  );
}

/** Replaces the open question card when the review is cancelled. */
export function cancelledQuestionCard(questionText: string): AdaptiveCard {
  return newCard(
    [text(escapeAdaptiveText(questionText), { weight: 'bolder' }), text('✖ Review cancelled', { spacing: 'small', isSubtle: true })],
    { fallbackText: adaptivePlainText(`${questionText}: review cancelled`, 300) },
  );
}
