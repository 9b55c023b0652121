import { MAX_NAME_LENGTH } from '../../core/profile.js';
import { button, fallbackText, sectionBlock, type KnownBlock } from '../../render/block-kit-parts.js';
import { escapeMrkdwn, truncate } from '../../render/escape.js';
import { isChannelId, isTs, mention } from '../slack-text.js';

/** Action id of the design-review offer button. Part of posted messages: never rename. */
export const START_REVIEW_ACTION_ID = 'ca_start_review';

/** What the offer button carries: where the proposal is, and a name for the review. */
export interface OfferValue {
  /** channel id */
  c: string;
  /** ts of the proposal message (the thread) */
  t: string;
  /** workload name taken from the proposal */
  n: string;
}

const NAME_IN_VALUE_MAX = MAX_NAME_LENGTH;

export function encodeOfferValue(value: OfferValue): string {
  return JSON.stringify({ c: value.c, t: value.t, n: truncate(value.n, NAME_IN_VALUE_MAX) });
}

export function decodeOfferValue(raw: string | undefined): OfferValue | null {
  if (!raw) return null;
  try {
    const o = JSON.parse(raw) as Partial<OfferValue>;
    if (!isChannelId(o.c) || !isTs(o.t) || typeof o.n !== 'string') return null;
    return { c: o.c, t: o.t, n: o.n };
  } catch {
    return null;
  }
}

/** The offer posted under a design proposal. No user text in it but the (escaped) proposal title. */
export function offerBlocks(value: OfferValue): { text: string; blocks: KnownBlock[] } {
  const line = `This looks like a design proposal. Want a compute review of where *${escapeMrkdwn(truncate(value.n, NAME_IN_VALUE_MAX))}* should run?`;
  return {
    text: fallbackText('This looks like a design proposal. Want a compute review?'),
    blocks: [
      sectionBlock(line),
      {
        type: 'actions',
        block_id: 'design_review_offer',
        elements: [button(START_REVIEW_ACTION_ID, 'Start compute review', encodeOfferValue(value), 'primary')],
      },
    ],
  };
}

/** The offer once taken: the button goes, so it is taken once. */
export function offerTakenBlocks(userId: string): { text: string; blocks: KnownBlock[] } {
  const line = `${mention(userId)} started a compute review in this thread.`;
  return { text: line, blocks: [sectionBlock(line)] };
}
