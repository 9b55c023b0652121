import { MODELS, MODEL_LABELS, type Model, type Verdict } from '../core/models.js';
import type { Recommendation } from '../core/recommendation.js';
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
  /**
   * The core's cost caveat lines, in its order: a rough monthly figure per shortlisted model, the break-even
   * when there is one, then the assumptions. Shown as given; renderers leave the section out when empty.
   */
  costCaveats: string[];
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
    costCaveats: [...rec.costCaveats],
    coldStartAdvice: [...rec.coldStartAdvice],
    whatWouldChange: rec.whatWouldChange.length > 0 ? [...rec.whatWouldChange] : [NOTHING_WOULD_CHANGE],
    footer: { rulesVersion: rec.rulesVersion, reviewId, text: footerText },
    decisionOptions: MODELS.map((model) => ({ model, label: MODEL_LABELS[model] })),
  };
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
