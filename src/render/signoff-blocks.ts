import type { SignOffAsk } from '../conversation/renderer.js';
import type { SignOffAction } from '../storage/index.js';
import { encodeActionValue } from './action-value.js';
import { button, contextBlock, fallbackText, type KnownBlock, sectionBlock } from './block-kit-parts.js';
import { escapeMrkdwn, truncate } from './escape.js';
import { MAX_SIGNOFF_NOTE_LENGTH } from '../app/signoff-service.js';
import { SLACK_SIGNOFF_ACTION_IDS } from './signoff-action-ids.js';
import { type SignOffView, signOffLines } from './signoff-view.js';
import { slackMention as mention } from './slack-ids.js';

/** Sign-off as Block Kit: the card's section and button, the ask in the thread, and the recorded action. */

function lines(view: SignOffView): string[] {
  return signOffLines(
    view,
    (a) => mention(a.id),
    (note) => `"${escapeMrkdwn(truncate(note, MAX_SIGNOFF_NOTE_LENGTH))}"`,
  );
}

/** The end of the recommendation card: where the sign-off stands, and "Request sign-off". */
export function signOffCardBlocks(reviewId: string, recommendationId: number | null, view: SignOffView | undefined): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  const state = view ? lines(view) : [];
  if (state.length > 0) blocks.push(sectionBlock(`*${state[0]}*\n${state.slice(1).join('\n')}`, 'rec_signoff'));
  blocks.push({
    type: 'actions',
    block_id: 'rec_signoff_actions',
    elements: [
      button(
        SLACK_SIGNOFF_ACTION_IDS.request,
        'Request sign-off',
        encodeActionValue({ r: reviewId, ...(recommendationId !== null ? { n: recommendationId } : {}) }),
      ),
    ],
  });
  return blocks;
}

/** Mentions the approvers in the thread with Approve and Request changes. */
export function signOffAskBlocks(review: { id: string; workloadName: string }, ask: SignOffAsk): { text: string; blocks: KnownBlock[] } {
  const who = ask.approvers.map((a) => mention(a.id)).join(' ');
  const what = `the recommendation for *${escapeMrkdwn(review.workloadName)}*`;
  const lead = ask.again
    ? `${who}: an answer changed, so earlier approvals lapsed. Please sign off ${what} again.`
    : `${who}: ${mention(ask.requestedBy.id)} asks you to sign off ${what}.`;
  const value = encodeActionValue({ r: review.id, n: ask.recommendationId });
  return {
    text: fallbackText(lead),
    blocks: [
      sectionBlock(lead),
      {
        type: 'actions',
        block_id: `signoff:${ask.recommendationId}`,
        elements: [
          button(SLACK_SIGNOFF_ACTION_IDS.approve, 'Approve', value, 'primary'),
          button(SLACK_SIGNOFF_ACTION_IDS.requestChanges, 'Request changes', value),
        ],
      },
      contextBlock('Only the people asked can approve or request changes.'),
    ],
  };
}

/** An approval or request for changes, posted for everyone in the thread. */
export function signOffRecordedBlocks(
  approverId: string,
  action: SignOffAction,
  note: string | null,
  view: SignOffView,
): { text: string; blocks: KnownBlock[] } {
  const what =
    action === 'approved'
      ? `${mention(approverId)} approved the recommendation.`
      : `${mention(approverId)} requested changes: "${escapeMrkdwn(truncate(note ?? '', MAX_SIGNOFF_NOTE_LENGTH))}"`;
  const state = lines(view);
  return { text: fallbackText(what), blocks: [sectionBlock(what), ...(state.length > 0 ? [contextBlock(state.join(' · '))] : [])] };
}
