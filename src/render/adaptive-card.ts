import { TEAMS_INPUT_IDS, TEAMS_SUBMIT_KINDS } from './action-ids.js';
import { newCard, type AcColor, type AcElement, type AcTextBlock, type AdaptiveCard } from './adaptive-card-types.js';
import { adaptivePlainText, cleanInline, escapeAdaptiveText, truncate } from './escape.js';
import { SECTION_TITLES, capItems, type RecommendationRenderOptions, type RecommendationView } from './recommendation-view.js';
import type { Verdict } from '../core/models.js';

// keep any card well inside the 28 KB budget, whatever the engine returns
const ITEM_MAX = 400;
const MAX_ITEMS = 6;
const MAX_CHOICES = 100;

const t = (text: string) => escapeAdaptiveText(truncate(text, ITEM_MAX));

function text(value: string, extra: Omit<AcTextBlock, 'type' | 'text'> = {}): AcTextBlock {
  return { type: 'TextBlock', text: value || ' ', wrap: true, ...extra };
}

function heading(title: string): AcTextBlock {
  return text(title, { weight: 'bolder', spacing: 'medium', style: 'heading' });
}

/** Items must already be escaped; the "…and N more" line has nothing to escape. */
function bulletItems(items: string[]): AcElement[] {
  return capItems(items, MAX_ITEMS).map((item) => text(`• ${item}`, { spacing: 'small' }));
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
  const body: AcElement[] = [];
  body.push(text(escapeAdaptiveText(view.title), { size: 'large', weight: 'bolder', style: 'heading' }));
  body.push(text(escapeAdaptiveText(view.headline), { weight: 'bolder', color: verdictColor(view.recommended.verdict), spacing: 'small' }));
  if (view.summary) body.push(text(t(view.summary), { spacing: 'small' }));

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
          items: [text(`**${escapeAdaptiveText(v.label)}**: ${escapeAdaptiveText(v.verdict)}${v.reason ? `. ${t(v.reason)}` : ''}`)],
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
        ...bulletItems(view.why.map((w) => (w.source ? `${t(w.text)} _(${t(w.source)})_` : t(w.text)))),
      ],
    });
  }

  if (view.costCaveats.length > 0) {
    body.push({
      type: 'Container',
      id: 'cost',
      separator: true,
      spacing: 'medium',
      items: [heading(SECTION_TITLES.cost), ...bulletItems(view.costCaveats.map(t))],
    });
  }

  if (view.coldStartAdvice.length > 0) {
    body.push({
      type: 'Container',
      id: 'cold_start',
      separator: true,
      spacing: 'medium',
      items: [heading(SECTION_TITLES.coldStart), ...bulletItems(view.coldStartAdvice.map(t))],
    });
  }

  body.push({
    type: 'Container',
    id: 'what_would_change',
    separator: true,
    spacing: 'medium',
    items: [heading(SECTION_TITLES.whatWouldChange), ...bulletItems(view.whatWouldChange.map(t))],
  });

  body.push(text(escapeAdaptiveText(view.footer.text), { size: 'small', isSubtle: true, separator: true, spacing: 'medium' }));

  if (opts.actions) body.push(...actionElements(view, opts.changeOptions ?? []));

  return newCard(body, {
    fallbackText: escapeAdaptiveText(truncate(cleanInline(`${view.title}: ${view.headline}.`), 300)),
    msteams: { width: 'Full' },
  });
}

function actionElements(view: RecommendationView, changeOptions: Array<{ questionId: string; label: string }>): AcElement[] {
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
          choices: changeOptions.slice(0, MAX_CHOICES).map((o) => ({ title: adaptivePlainText(o.label), value: o.questionId })),
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
            data: { ca: TEAMS_SUBMIT_KINDS.recordDecision, reviewId },
          },
        ],
      },
    ],
  });
  return elements;
}
