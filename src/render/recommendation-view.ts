import { usd } from '../core/format.js';
import { MODELS, MODEL_LABELS, type Model, type Verdict } from '../core/models.js';
import type { Recommendation } from '../core/recommendation.js';
import { lensesLabel } from '../core/lens.js';
import { basedOnParts } from './based-on.js';
import { cleanInline } from './escape.js';

/**
 * The neutral recommendation view: plain data in the card's order (pick, verdicts, why, costs, cold starts, what
 * would change), with every string UNESCAPED. Each renderer escapes for its own format; nothing here is safe to paste into mrkdwn or Markdown.
 */
export interface RecommendationView {
  reviewId: string | null;
  /** The stored recommendation this card shows: "Record the decision" carries it, so a superseded card is refused. */
  recommendationId: number | null;
  /** The decision recorded against this recommendation, shown under the headline; null while none is. */
  decision: DecisionView | null;
  workloadName: string;
  /** "Compute review: <name>" */
  title: string;
  /** "Recommended: functions (FaaS), optimal" */
  headline: string;
  recommended: { model: Model; label: string; verdict: Verdict; icon: VerdictIcon };
  /** One sentence: why. */
  summary: string;
  /** All five models, best first. */
  verdicts: VerdictLine[];
  /** Answers that contradict each other or the platforms; renderers show them near the top. */
  warnings: string[];
  /** The reasons for the pick, then the one reason each runner-up lost. */
  why: WhyLine[];
  /** The cost table (one row per model, ranking order; none when no volume was given) and its notes. */
  cost: CostView;
  /** "Based on your answers": short phrases, "(assumed)" where a default stood in. */
  basedOn: string[];
  /** Empty when cold starts do not matter here; renderers then leave the section out. */
  coldStartAdvice: string[];
  /** Never empty: says so when no single answer would change the result. */
  whatWouldChange: string[];
  footer: { rulesVersion: string; reviewId: string | null; text: string };
  /** The choices for "Record the decision", in the models' documented order. */
  decisionOptions: Array<{ model: Model; label: string }>;
}

export type VerdictIcon = '✅' | '⚠️' | '❌';

/** "Decision recorded: containers (against the advice)". */
export interface DecisionView {
  model: Model;
  label: string;
  againstAdvice: boolean;
  /** One line, unescaped. */
  text: string;
}

export interface VerdictLine {
  model: Model;
  label: string;
  verdict: Verdict;
  icon: VerdictIcon;
  /** The model's first reason; '' when the engine gave none. */
  reason: string;
  recommended: boolean;
  /** The organisation's links for this model (golden paths, templates): titles unescaped, URLs safe to embed. */
  links: ViewLink[];
}

export interface ViewLink {
  title: string;
  /** An https URL, normalised, with ( ) | percent-encoded so no output format's link syntax can be broken by it. */
  url: string;
}

export interface WhyLine {
  ruleId: string;
  text: string;
  source: string;
}

export interface CostRow {
  model: Model;
  label: string;
  /** "$36" or "cannot run it" */
  monthly: string;
  /** "$23 with a 1-year commitment", "$97 on spot capacity" or "" */
  alternatives: string;
  /** How the figure was sized, or why there is none. */
  basis: string;
  runnable: boolean;
  /** There is a monthly figure (false for "cannot run it" and "no figure"). */
  priced: boolean;
}

export interface CostView {
  rows: CostRow[];
  /** The no-volume notice or the break-even, then the assumptions line. */
  notes: string[];
}

export const SECTION_TITLES = {
  warnings: 'Check these answers',
  verdicts: 'Verdicts',
  why: 'Why',
  cost: 'Cost caveats',
  basedOn: 'Based on your answers',
  coldStart: 'Cold-start advice',
  whatWouldChange: 'What would change the answer',
} as const;

export const NOTHING_WOULD_CHANGE = 'No single changed answer would change the recommendation.';

export function verdictIcon(verdict: Verdict): VerdictIcon {
  if (verdict === 'optimal' || verdict === 'good') return '✅';
  if (verdict === 'caution') return '⚠️';
  return '❌';
}

export function toRecommendationView(
  rec: Recommendation,
  meta: { reviewId?: string; workloadName?: string; recommendationId?: number; decision?: { model: Model; againstAdvice: boolean } } = {},
): RecommendationView {
  const workloadName = cleanInline(meta.workloadName ?? rec.profile.name) || rec.profile.name;
  const reviewId = meta.reviewId ?? null;
  const decision = meta.decision
    ? {
        model: meta.decision.model,
        label: MODEL_LABELS[meta.decision.model],
        againstAdvice: meta.decision.againstAdvice,
        text: `Decision recorded: ${MODEL_LABELS[meta.decision.model]}${meta.decision.againstAdvice ? ', against the advice' : ''}.`,
      }
    : null;

  // ranking order first; any model the ranking left out still gets its line from `verdicts`
  const ranked = [...rec.ranking];
  for (const model of MODELS) {
    if (!ranked.some((r) => r.model === model))
      ranked.push({ model, verdict: rec.verdicts[model], score: 0, reasons: [], evidence: 'soft' });
  }
  const verdicts: VerdictLine[] = ranked.map((r) => ({
    model: r.model,
    label: MODEL_LABELS[r.model],
    verdict: r.verdict,
    icon: verdictIcon(r.verdict),
    reason: r.reasons[0] ?? '',
    recommended: r.model === rec.recommended,
    links: (rec.links?.[r.model] ?? []).flatMap((link) => {
      const url = safeLinkUrl(link.url);
      return url ? [{ title: cleanInline(link.title), url }] : [];
    }),
  }));

  const recommendedVerdict = rec.verdicts[rec.recommended];
  const recommendedLabel = MODEL_LABELS[rec.recommended];
  const lenses = rec.lenses?.length ? ` · ${lensesLabel(rec.lenses)}` : '';
  const footerText = `Rules ${rec.rulesVersion}${lenses}${reviewId ? ` · Review ${reviewId}` : ''}`;

  return {
    reviewId,
    recommendationId: meta.recommendationId ?? null,
    decision,
    workloadName,
    title: `Compute review: ${workloadName}`,
    headline: `Recommended: ${recommendedLabel}, ${recommendedVerdict}`,
    recommended: {
      model: rec.recommended,
      label: recommendedLabel,
      verdict: recommendedVerdict,
      icon: verdictIcon(recommendedVerdict),
    },
    summary: rec.summary,
    verdicts,
    warnings: [...rec.warnings],
    why: rec.decidingRules.map((r) => ({
      ruleId: r.id,
      text: r.role === 'against_runner_up' ? `Not ${MODEL_LABELS[r.model]}: ${lowerFirst(r.reason)}` : r.reason,
      source: r.source,
    })),
    cost: costView(
      rec,
      ranked.map((r) => r.model),
    ),
    basedOn: [...basedOnParts(rec), ...(rec.inputs.customAnswers ?? [])],
    coldStartAdvice: [...rec.coldStartAdvice],
    whatWouldChange: rec.whatWouldChange.length > 0 ? [...rec.whatWouldChange] : [NOTHING_WOULD_CHANGE],
    footer: { rulesVersion: rec.rulesVersion, reviewId, text: footerText },
    decisionOptions: MODELS.map((model) => ({ model, label: MODEL_LABELS[model] })),
  };
}

/** An https URL as embedded in a card: normalised by the URL parser, with the characters link syntaxes end on encoded. */
export function safeLinkUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:') return undefined;
  return parsed.href.replace(/[()|<>\s"'`]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function lowerFirst(text: string): string {
  return /^[A-Z](?![A-Z0-9])/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** `order`: the verdict lines' order (the ranking, then any model it left out), so the table matches them. */
function costView(rec: Recommendation, order: Model[]): CostView {
  // With a volume the core prices every model or says why it cannot (even when none could be priced); without one
  // there are no figures to show, and the notes say so.
  const hasVolume = rec.profile.avgRequestsPerSecond !== undefined || rec.profile.runsPerDay !== undefined;
  const rows: CostRow[] = hasVolume
    ? order.flatMap((model) => {
        const estimate = rec.costEstimates.find((e) => e.model === model);
        if (!estimate) return [];
        const alternatives: string[] = [];
        if (estimate.committedMonthlyUsd !== null) alternatives.push(`${usd(estimate.committedMonthlyUsd)} with a 1-year commitment`);
        if (estimate.spotMonthlyUsd !== undefined) alternatives.push(`${usd(estimate.spotMonthlyUsd)} on spot capacity`);
        return {
          model,
          label: MODEL_LABELS[model],
          monthly: estimate.monthlyUsd === null ? (estimate.notRunnable ? 'cannot run it' : 'no figure') : usd(estimate.monthlyUsd),
          alternatives: alternatives.join('; '),
          basis: estimate.basis,
          runnable: estimate.notRunnable === undefined,
          priced: estimate.monthlyUsd !== null,
        };
      })
    : [];
  // The core's lines after the per-model ones: the no-volume notice or the break-even, and the assumptions.
  const notes = rec.costCaveats.filter((line) => !rec.costEstimates.some((e) => line.startsWith(`${capitalise(MODEL_LABELS[e.model])}: `)));
  return { rows, notes };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Options shared by the chat renderers (Block Kit and Adaptive Card). */
export interface RecommendationRenderOptions {
  /** Add the actions (change an answer, record the decision; Slack also gets "Share to channel"). Needs `view.reviewId`. */
  actions: boolean;
  /** The interview's questions for "Change an answer"; that control is left out when this is empty. */
  changeOptions?: Array<{ questionId: string; label: string }>;
}

/**
 * At most `max` items; the rest are summed up in a last line ("…and 3 more"), so chat cards stay inside
 * their size limits whatever the engine returns. The view itself keeps everything (plain text and Markdown show all).
 */
export function capItems(items: string[], max: number): string[] {
  if (items.length <= max) return items;
  const shown = items.slice(0, Math.max(0, max - 1));
  return [...shown, `…and ${items.length - shown.length} more`];
}
