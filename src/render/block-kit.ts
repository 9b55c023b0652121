import { SLACK_ACTION_IDS } from './action-ids.js';
import { encodeActionValue } from './action-value.js';
import {
  SLACK_LIMITS,
  button,
  contextBlock,
  fallbackText,
  headerBlock,
  option,
  plainText,
  sectionBlock,
  type ActionsBlockElement,
  type KnownBlock,
} from './block-kit-parts.js';
import { escapeMrkdwn, truncate } from './escape.js';
import { SECTION_TITLES, capItems, type RecommendationRenderOptions, type RecommendationView } from './recommendation-view.js';

export type RecommendationBlocksOptions = RecommendationRenderOptions;

// A list shows at most MAX_ITEMS items of at most ITEM_MAX (+ SOURCE_MAX) characters, so a full list still fits
// a 3000-character section; truncateMrkdwn stays the last guard when escaping lengthens text.
const ITEM_MAX = 360;
const SOURCE_MAX = 80;
const MAX_ITEMS = 6;

// one argument each, so `.map(e)` cannot pass the array index as a length
const e = (text: string) => escapeMrkdwn(truncate(text, ITEM_MAX));
const eSource = (text: string) => escapeMrkdwn(truncate(text, SOURCE_MAX));

function listSection(title: string, items: string[], blockId: string): KnownBlock {
  return sectionBlock(`*${title}*\n${capItems(items, MAX_ITEMS).map((item) => `• ${item}`).join('\n')}`, blockId);
}

/**
 * The recommendation card for Slack. `text` is the notification fallback (mrkdwn, escaped). Send it with
 * `unfurl_links: false, unfurl_media: false`: the card echoes user text.
 */
export function renderRecommendationBlocks(
  view: RecommendationView,
  opts: RecommendationBlocksOptions,
): { text: string; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [];
  blocks.push(headerBlock(view.title));
  blocks.push(sectionBlock(`*${escapeMrkdwn(view.headline)}*${view.summary ? `\n${e(view.summary)}` : ''}`, 'rec_headline'));
  blocks.push(
    sectionBlock(
      view.verdicts
        .map((v) => `${v.icon} *${escapeMrkdwn(v.label)}*: ${escapeMrkdwn(v.verdict)}${v.reason ? `. ${e(v.reason)}` : ''}`)
        .join('\n'),
      'rec_verdicts',
    ),
  );
  blocks.push({ type: 'divider' });

  if (view.why.length > 0) {
    blocks.push(
      listSection(
        SECTION_TITLES.why,
        view.why.map((w) => (w.source ? `${e(w.text)} _(${eSource(w.source)})_` : e(w.text))),
        'rec_why',
      ),
    );
  }
  if (view.costCaveats.length > 0) {
    blocks.push(listSection(SECTION_TITLES.cost, view.costCaveats.map(e), 'rec_cost'));
  }
  if (view.coldStartAdvice.length > 0) {
    blocks.push(listSection(SECTION_TITLES.coldStart, view.coldStartAdvice.map(e), 'rec_cold_start'));
  }
  blocks.push(listSection(SECTION_TITLES.whatWouldChange, view.whatWouldChange.map(e), 'rec_what_would_change'));
  blocks.push(contextBlock(escapeMrkdwn(view.footer.text), 'rec_footer'));

  if (opts.actions) blocks.push(actionsBlock(view, opts.changeOptions ?? []));

  const text = fallbackText(`${escapeMrkdwn(view.title)}: ${escapeMrkdwn(view.headline)}.`);
  return { text, blocks };
}

function actionsBlock(view: RecommendationView, changeOptions: Array<{ questionId: string; label: string }>): KnownBlock {
  const reviewId = view.reviewId;
  if (!reviewId) throw new Error('renderRecommendationBlocks: actions need a reviewId (pass it to toRecommendationView)');
  const elements: ActionsBlockElement[] = [];
  if (changeOptions.length > 0) {
    elements.push({
      type: 'static_select',
      action_id: SLACK_ACTION_IDS.changeAnswer,
      placeholder: plainText('Change an answer', SLACK_LIMITS.placeholder),
      options: changeOptions
        .slice(0, SLACK_LIMITS.selectOptions)
        .map((o) => option(o.label, encodeActionValue({ r: reviewId, q: o.questionId }))),
    });
  }
  elements.push({
    type: 'static_select',
    action_id: SLACK_ACTION_IDS.recordDecision,
    placeholder: plainText('Record the decision', SLACK_LIMITS.placeholder),
    options: view.decisionOptions.map((o) => option(o.label, encodeActionValue({ r: reviewId, m: o.model }))),
  });
  elements.push(button(SLACK_ACTION_IDS.share, 'Share to channel', encodeActionValue({ r: reviewId })));
  return { type: 'actions', block_id: 'rec_actions', elements };
}
