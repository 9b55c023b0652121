import { MODELS, MODEL_LABELS, type Model, type Verdict } from '../core/models.js';
import type { BreakEven, Recommendation } from '../core/recommendation.js';
import { cleanInline } from './escape.js';

/**
 * The neutral recommendation view: plain data in the card's order (DESIGN.md section 1), with every string
 * UNESCAPED. Each renderer escapes for its own format; nothing here is safe to paste into mrkdwn or Markdown.
 */
export interface RecommendationView {
  reviewId: string | null;
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
  /** The rules that decided it. */
  why: WhyLine[];
  cost: CostSection;
  /** Empty when cold starts do not matter here; renderers then leave the section out. */
  coldStartAdvice: string[];
  /** Never empty: says so when no single answer would change the result. */
  whatWouldChange: string[];
  footer: { rulesVersion: string; reviewId: string | null; text: string };
  /** The choices for "Record the decision", in the models' documented order. */
  decisionOptions: Array<{ model: Model; label: string }>;
}

export type VerdictIcon = '✅' | '⚠️' | '❌';

export interface VerdictLine {
  model: Model;
  label: string;
  verdict: Verdict;
  icon: VerdictIcon;
  /** The model's first reason; '' when the engine gave none. */
  reason: string;
  recommended: boolean;
}

export interface WhyLine {
  ruleId: string;
  text: string;
  source: string;
}

export interface CostLine {
  model: Model;
  label: string;
  /** e.g. "about $36 a month" */
  monthly: string;
  monthlyUsd: number;
  basis: string;
}

export interface CostSection {
  estimates: CostLine[];
  /** One sentence, or null when there is no break-even to state. */
  breakEven: string | null;
  caveats: string[];
}

export const SECTION_TITLES = {
  verdicts: 'Verdicts',
  why: 'Why',
  cost: 'Cost caveats',
  coldStart: 'Cold-start advice',
  whatWouldChange: 'What would change the answer',
} as const;

export const NOTHING_WOULD_CHANGE = 'No single changed answer would change the recommendation.';

export function verdictIcon(verdict: Verdict): VerdictIcon {
  if (verdict === 'optimal' || verdict === 'good') return '✅';
  if (verdict === 'caution') return '⚠️';
  return '❌';
}

/** "$0", "$4.20", "$36", "$1,234". Rough figures: no cents past $10. */
export function formatUsd(amount: number): string {
  if (!Number.isFinite(amount) || amount <= 0) return '$0';
  if (amount < 10) return `$${amount.toFixed(2)}`;
  return `$${Math.round(amount).toLocaleString('en-US')}`;
}

/** "7", "7.2", "0.04", "1,200". */
export function formatRate(rate: number): string {
  if (!Number.isFinite(rate) || rate <= 0) return '0';
  if (rate >= 10) return Math.round(rate).toLocaleString('en-US');
  if (rate < 1) return String(Number(rate.toPrecision(1)));
  return String(Number(rate.toFixed(1)));
}

function breakEvenSentence(be: BreakEven): string {
  return (
    `Above about ${formatRate(be.requestsPerSecond)} requests per second on average, ` +
    `${be.alwaysOnUnit} (about ${formatUsd(be.alwaysOnMonthlyUsd)} a month) costs less than functions.`
  );
}

export function toRecommendationView(
  rec: Recommendation,
  meta: { reviewId?: string; workloadName?: string } = {},
): RecommendationView {
  const workloadName = cleanInline(meta.workloadName ?? rec.profile.name) || rec.profile.name;
  const reviewId = meta.reviewId ?? null;

  // ranking order first; any model the ranking left out still gets its line from `verdicts`
  const ranked = [...rec.ranking];
  for (const model of MODELS) {
    if (!ranked.some((r) => r.model === model)) ranked.push({ model, verdict: rec.verdicts[model], score: 0, reasons: [] });
  }
  const verdicts: VerdictLine[] = ranked.map((r) => ({
    model: r.model,
    label: MODEL_LABELS[r.model],
    verdict: r.verdict,
    icon: verdictIcon(r.verdict),
    reason: r.reasons[0] ?? '',
    recommended: r.model === rec.recommended,
  }));

  const recommendedVerdict = rec.verdicts[rec.recommended];
  const recommendedLabel = MODEL_LABELS[rec.recommended];
  const footerText = reviewId ? `Rules ${rec.rulesVersion} · Review ${reviewId}` : `Rules ${rec.rulesVersion}`;

  return {
    reviewId,
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
    why: rec.decidingRules.map((r) => ({ ruleId: r.id, text: r.reason, source: r.source })),
    cost: {
      estimates: rec.costEstimates.map((c) => ({
        model: c.model,
        label: MODEL_LABELS[c.model],
        monthly: `about ${formatUsd(c.monthlyUsd)} a month`,
        monthlyUsd: c.monthlyUsd,
        basis: c.basis,
      })),
      breakEven: rec.breakEven ? breakEvenSentence(rec.breakEven) : null,
      caveats: [...rec.costCaveats],
    },
    coldStartAdvice: [...rec.coldStartAdvice],
    whatWouldChange: rec.whatWouldChange.length > 0 ? [...rec.whatWouldChange] : [NOTHING_WOULD_CHANGE],
    footer: { rulesVersion: rec.rulesVersion, reviewId, text: footerText },
    decisionOptions: MODELS.map((model) => ({ model, label: MODEL_LABELS[model] })),
  };
}

/** True when the cost section has anything to show. */
export function hasCostSection(view: RecommendationView): boolean {
  return view.cost.estimates.length > 0 || view.cost.breakEven !== null || view.cost.caveats.length > 0;
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
