import { SLACK_ACTION_IDS } from './action-ids.js';
import { encodeActionValue } from './action-value.js';
import {
  SLACK_LIMITS,
  button,
  contextBlock,
  fallbackText,
  headerBlock,
  mrkdwnText,
  option,
  plainText,
  sectionBlock,
  type ActionsBlockElement,
  type KnownBlock,
} from './block-kit-parts.js';
import { escapeMrkdwn, truncate, truncateMrkdwn } from './escape.js';
import { exportAdrButton } from './export-adr-action.js';
import { SECTION_TITLES, capItems, type RecommendationRenderOptions, type RecommendationView } from './recommendation-view.js';

export type RecommendationBlocksOptions = RecommendationRenderOptions;

// A list shows at most MAX_ITEMS items of at most ITEM_MAX (+ SOURCE_MAX) characters, so a full list still fits
// a 3000-character section; truncateMrkdwn stays the last guard when escaping lengthens text.
const ITEM_MAX = 320;
const SOURCE_MAX = 160;
const MAX_ITEMS = 6;

// one argument each, so `.map(e)` cannot pass the array index as a length
const e = (text: string) => escapeMrkdwn(truncate(text, ITEM_MAX));
const eSource = (text: string) => escapeMrkdwn(truncate(text, SOURCE_MAX));

function listSection(title: string, items: string[], blockId: string): KnownBlock {
  return sectionBlock(
    `*${title}*\n${capItems(items, MAX_ITEMS)
      .map((item) => `• ${item}`)
      .join('\n')}`,
    blockId,
  );
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
  if (view.decision) blocks.push(contextBlock(`✔ ${escapeMrkdwn(view.decision.text)}`));
  blocks.push(
    sectionBlock(
      view.verdicts
        .map((v) => `${v.icon} *${escapeMrkdwn(v.label)}*: ${escapeMrkdwn(v.verdict)}${v.reason ? `. ${e(v.reason)}` : ''}`)
        .join('\n'),
      'rec_verdicts',
    ),
  );
  // The organisation's links under the verdicts, a block per model so a long list never crowds the verdicts out.
  for (const v of view.verdicts) {
    if (v.links.length === 0) continue;
    const links = v.links.map((link) => `<${link.url.replace(/&/g, '&amp;')}|${escapeMrkdwn(link.title)}>`).join(' · ');
    blocks.push(contextBlock(`↳ *${escapeMrkdwn(v.label)}*: ${links}`, `rec_links_${v.model}`));
  }
  if (view.warnings.length > 0) {
    blocks.push(listSection(`⚠️ ${SECTION_TITLES.warnings}`, view.warnings.map(e), 'rec_warnings'));
  }
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
  blocks.push(...costBlocks(view));
  if (view.coldStartAdvice.length > 0) {
    blocks.push(listSection(SECTION_TITLES.coldStart, view.coldStartAdvice.map(e), 'rec_cold_start'));
  }
  blocks.push(listSection(SECTION_TITLES.whatWouldChange, view.whatWouldChange.map(e), 'rec_what_would_change'));
  blocks.push(contextBlock(`*${SECTION_TITLES.basedOn}:* ${e(view.basedOn.join(' · '))}`, 'rec_based_on'));
  blocks.push(contextBlock(escapeMrkdwn(view.footer.text), 'rec_footer'));

  if (opts.actions) blocks.push(actionsBlock(view, opts.changeOptions ?? []));

  const text = fallbackText(`${escapeMrkdwn(view.title)}: ${escapeMrkdwn(view.headline)}.`);
  return { text, blocks };
}

// Section fields: at most 10, two columns, 2000 characters each. One pair per model: the figure, then the sizing.
const BASIS_MAX = 280;

/** The cost table as section fields (one pair per model), then the break-even and assumptions as a list. */
function costBlocks(view: RecommendationView): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (view.cost.rows.length > 0) {
    const fields = view.cost.rows
      .slice(0, SLACK_LIMITS.sectionFields / 2)
      .flatMap((row) => [
        mrkdwnText(
          `*${escapeMrkdwn(row.label)}*\n${escapeMrkdwn(row.monthly)}${row.priced ? '/month' : ''}${row.alternatives ? `\n${escapeMrkdwn(row.alternatives)}` : ''}`,
          SLACK_LIMITS.sectionFieldText,
        ),
        mrkdwnText(`_${escapeMrkdwn(truncate(row.basis, BASIS_MAX))}_`, SLACK_LIMITS.sectionFieldText),
      ]);
    blocks.push({
      type: 'section',
      block_id: 'rec_cost_table',
      text: mrkdwnText(`*${SECTION_TITLES.cost}* (a month, list prices)`),
      fields,
    });
  }
  const notesTitle =
    view.cost.rows.length === 0
      ? SECTION_TITLES.cost
      : view.cost.notes.some((n) => n.startsWith('Break-even'))
        ? 'Break-even and assumptions'
        : 'Assumptions';
  blocks.push(listSection(notesTitle, costNotes(view.cost.notes), 'rec_cost'));
  return blocks;
}

// Room in the notes section for its title and bullets.
const NOTES_OVERHEAD = 100;

/**
 * The cost notes are few and long (the assumptions line runs past ITEM_MAX and ends "not a quote"), so they share
 * the section's room rather than ITEM_MAX each; escaped first, so the cut holds for what is sent.
 */
function costNotes(notes: string[]): string[] {
  const shown = Math.max(1, Math.min(notes.length, MAX_ITEMS));
  const max = Math.max(ITEM_MAX, Math.floor((SLACK_LIMITS.sectionText - NOTES_OVERHEAD) / shown) - 3);
  return notes.map((note) => truncateMrkdwn(escapeMrkdwn(note), max));
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
    options: view.decisionOptions.map((o) =>
      option(
        o.label,
        encodeActionValue({ r: reviewId, m: o.model, ...(view.recommendationId !== null ? { n: view.recommendationId } : {}) }),
      ),
    ),
  });
  elements.push(button(SLACK_ACTION_IDS.share, 'Share to channel', encodeActionValue({ r: reviewId })));
  elements.push(exportAdrButton(reviewId));
  return { type: 'actions', block_id: 'rec_actions', elements };
}
