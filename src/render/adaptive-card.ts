import { TEAMS_INPUT_IDS, TEAMS_SUBMIT_KINDS } from './action-ids.js';
import {
  newCard,
  textBlock as text,
  type AcColor,
  type AcElement,
  type AcTable,
  type AcTextBlock,
  type AdaptiveCard,
} from './adaptive-card-types.js';
import { adaptivePlainText, cleanInline, escapeAdaptiveText, truncate } from './escape.js';
import { SECTION_TITLES, capItems, type RecommendationRenderOptions, type RecommendationView } from './recommendation-view.js';
import { exportAdrActionSet } from './export-adr-action.js';
import type { Verdict } from '../core/models.js';

/** How much of each text and list a card shows. */
interface Caps {
  /** Characters of one list item, reason or summary. */
  item: number;
  /** Items of one list, the "…and N more" line included. */
  items: number;
  /** Characters of a source after a reason under "Why". */
  source: number;
  /** Characters of one cost row's sizing. */
  basis: number;
  /** Characters the cost notes share (each still gets `item`). */
  notes: number;
  /** Characters of a "Change an answer" choice title. */
  choice: number;
}

// Real recommendations fit NORMAL with room to spare. Teams refuses a message over 28 KB, envelope included: a card
// that would pass CARD_BUDGET_BYTES at NORMAL (long texts and lists from the engine, many questions) is built again
// with TIGHT, so any card stays inside the limit whatever the engine returns.
const NORMAL: Caps = { item: 400, items: 6, source: 400, basis: 300, notes: 1600, choice: 100 };
const TIGHT: Caps = { item: 200, items: 4, source: 120, basis: 150, notes: 600, choice: 60 };
export const CARD_BUDGET_BYTES = 24 * 1024;
const MAX_CHOICES = 100;

function heading(title: string): AcTextBlock {
  return text(title, { weight: 'bolder', spacing: 'medium', style: 'heading' });
}

/** Items must already be escaped; the "…and N more" line has nothing to escape. */
function bulletItems(items: string[], caps: Caps): AcElement[] {
  return capItems(items, caps.items).map((item) => text(`• ${item}`, { spacing: 'small' }));
}

function verdictColor(verdict: Verdict): AcColor {
  if (verdict === 'optimal' || verdict === 'good') return 'good';
  if (verdict === 'caution') return 'warning';
  return 'attention';
}

/**
 * The recommendation card for Teams: Adaptive Card 1.5. Submits arrive as `activity.value` with
 * `{ ca: 'change_answer', reviewId, questionId }` or `{ ca: 'record_decision', reviewId, chosenModel }`.
 */
export function renderRecommendationCard(view: RecommendationView, opts: RecommendationRenderOptions): AdaptiveCard {
  const card = buildCard(view, opts, NORMAL);
  return Buffer.byteLength(JSON.stringify(card), 'utf8') <= CARD_BUDGET_BYTES ? card : buildCard(view, opts, TIGHT);
}

function buildCard(view: RecommendationView, opts: RecommendationRenderOptions, caps: Caps): AdaptiveCard {
  const t = (value: string) => escapeAdaptiveText(truncate(value, caps.item));
  const body: AcElement[] = [];
  body.push(text(escapeAdaptiveText(view.title), { size: 'large', weight: 'bolder', style: 'heading' }));
  body.push(text(escapeAdaptiveText(view.headline), { weight: 'bolder', color: verdictColor(view.recommended.verdict), spacing: 'small' }));
  if (view.summary) body.push(text(t(view.summary), { spacing: 'small' }));
  if (view.decision) body.push(text(`✔ ${escapeAdaptiveText(view.decision.text)}`, { weight: 'bolder', spacing: 'small' }));
  if (view.warnings.length > 0) {
    body.push({
      type: 'Container',
      id: 'warnings',
      style: 'warning',
      spacing: 'small',
      items: [heading(SECTION_TITLES.warnings), ...bulletItems(view.warnings.map(t), caps)],
    });
  }

  body.push({
    type: 'Container',
    id: 'verdicts',
    spacing: 'medium',
    items: view.verdicts.map((v) => ({
      type: 'ColumnSet',
      spacing: 'small',
      columns: [
        { type: 'Column', width: 'auto', items: [text(v.icon, { wrap: false })] },
        {
          type: 'Column',
          width: 'stretch',
          items: [
            text(`**${escapeAdaptiveText(v.label)}**: ${escapeAdaptiveText(v.verdict)}${v.reason ? `. ${t(v.reason)}` : ''}`),
            // The organisation's links for this model (golden paths, templates), right under its verdict.
            ...(v.links.length > 0
              ? [
                  text(v.links.map((link) => `[${escapeAdaptiveText(truncate(link.title, caps.choice))}](${link.url})`).join(' · '), {
                    size: 'small',
                    spacing: 'none',
                  }),
                ]
              : []),
          ],
        },
      ],
    })),
  });

  if (view.why.length > 0) {
    body.push({
      type: 'Container',
      id: 'why',
      separator: true,
      spacing: 'medium',
      items: [
        heading(SECTION_TITLES.why),
        ...bulletItems(
          view.why.map((w) => (w.source ? `${t(w.text)} _(${escapeAdaptiveText(truncate(w.source, caps.source))})_` : t(w.text))),
          caps,
        ),
      ],
    });
  }

  body.push({
    type: 'Container',
    id: 'cost',
    separator: true,
    spacing: 'medium',
    items: [
      heading(view.cost.rows.length > 0 ? `${SECTION_TITLES.cost} (a month, list prices)` : SECTION_TITLES.cost),
      ...(view.cost.rows.length > 0 ? [costTable(view, caps)] : []),
      ...bulletItems(costNotes(view.cost.notes, caps), caps),
    ],
  });

  if (view.coldStartAdvice.length > 0) {
    body.push({
      type: 'Container',
      id: 'cold_start',
      separator: true,
      spacing: 'medium',
      items: [heading(SECTION_TITLES.coldStart), ...bulletItems(view.coldStartAdvice.map(t), caps)],
    });
  }

  body.push({
    type: 'Container',
    id: 'what_would_change',
    separator: true,
    spacing: 'medium',
    items: [heading(SECTION_TITLES.whatWouldChange), ...bulletItems(view.whatWouldChange.map(t), caps)],
  });

  body.push(text(`**${SECTION_TITLES.basedOn}:** ${t(view.basedOn.join(' · '))}`, { size: 'small', separator: true, spacing: 'medium' }));
  body.push(text(escapeAdaptiveText(view.footer.text), { size: 'small', isSubtle: true, spacing: 'small' }));

  if (opts.actions) body.push(...actionElements(view, opts.changeOptions ?? [], caps));

  return newCard(body, {
    fallbackText: escapeAdaptiveText(truncate(cleanInline(`${view.title}: ${view.headline}.`), 300)),
    msteams: { width: 'Full' },
  });
}

/**
 * The cost notes are few and long (the assumptions line runs past `caps.item` and ends "not a quote"): they share
 * `caps.notes` characters rather than `caps.item` each, so a long list costs the card no more than other lists.
 */
function costNotes(notes: string[], caps: Caps): string[] {
  const max = Math.max(caps.item, Math.floor(caps.notes / Math.max(1, Math.min(notes.length, caps.items))));
  return notes.map((note) => escapeAdaptiveText(truncate(note, max)));
}

/** One row per model: the label, the monthly figure (and any commitment or spot figure), and how it was sized. */
function costTable(view: RecommendationView, caps: Caps): AcTable {
  const cell = (value: string, extra: Omit<AcTextBlock, 'type' | 'text'> = {}) => ({
    type: 'TableCell' as const,
    items: [text(value, { size: 'small', ...extra })],
  });
  return {
    type: 'Table',
    id: 'cost_table',
    columns: [{ width: 2 }, { width: 2 }, { width: 5 }],
    firstRowAsHeader: true,
    showGridLines: false,
    rows: [
      {
        type: 'TableRow',
        cells: [cell('Model', { weight: 'bolder' }), cell('A month', { weight: 'bolder' }), cell('How it was sized', { weight: 'bolder' })],
      },
      ...view.cost.rows.map((row) => ({
        type: 'TableRow' as const,
        cells: [
          cell(escapeAdaptiveText(row.label)),
          cell(`${escapeAdaptiveText(row.monthly)}${row.alternatives ? `\n\n${escapeAdaptiveText(row.alternatives)}` : ''}`),
          cell(escapeAdaptiveText(truncate(row.basis, caps.basis)), { isSubtle: true }),
        ],
      })),
    ],
  };
}

function actionElements(view: RecommendationView, changeOptions: Array<{ questionId: string; label: string }>, caps: Caps): AcElement[] {
  const reviewId = view.reviewId;
  if (!reviewId) throw new Error('renderRecommendationCard: actions need a reviewId (pass it to toRecommendationView)');
  const elements: AcElement[] = [];
  if (changeOptions.length > 0) {
    elements.push({
      type: 'Container',
      id: 'change_answer',
      spacing: 'medium',
      items: [
        {
          type: 'Input.ChoiceSet',
          id: TEAMS_INPUT_IDS.questionId,
          label: 'Change an answer',
          style: 'compact',
          placeholder: 'Pick a question',
          choices: changeOptions
            .slice(0, MAX_CHOICES)
            .map((o) => ({ title: adaptivePlainText(o.label, caps.choice), value: o.questionId })),
        },
        {
          type: 'ActionSet',
          actions: [
            {
              type: 'Action.Submit',
              title: 'Change answer',
              data: { ca: TEAMS_SUBMIT_KINDS.changeAnswer, reviewId },
            },
          ],
        },
      ],
    });
  }
  elements.push({
    type: 'Container',
    id: 'record_decision',
    spacing: 'medium',
    items: [
      {
        type: 'Input.ChoiceSet',
        id: TEAMS_INPUT_IDS.chosenModel,
        label: 'Record the decision',
        style: 'compact',
        placeholder: 'What did you go with?',
        choices: view.decisionOptions.map((o) => ({ title: adaptivePlainText(o.label), value: o.model })),
      },
      {
        type: 'ActionSet',
        actions: [
          {
            type: 'Action.Submit',
            title: 'Record decision',
            data: {
              ca: TEAMS_SUBMIT_KINDS.recordDecision,
              reviewId,
              ...(view.recommendationId !== null ? { recommendationId: view.recommendationId } : {}),
            },
          },
        ],
      },
    ],
  });
  elements.push(exportAdrActionSet(reviewId));
  return elements;
}
