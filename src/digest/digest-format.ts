import { lensesLabel } from '../core/lens.js';
import type { DigestCount, DigestView } from './digest-view.js';

/** Wording shared by the digest renderers. Returns plain text built from numbers and our own words only. */

/** '+3', '−2', '±0' */
export function signed(delta: number): string {
  if (delta > 0) return `+${delta}`;
  if (delta < 0) return `−${-delta}`;
  return '±0';
}

/** '12 (+3 on the week before)' */
export function countWithChange(c: DigestCount): string {
  return `${c.current} (${signed(c.delta)} on the week before)`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function idleText(days: number): string {
  return days < 1 ? 'idle less than a day' : `idle ${plural(days, 'day')}`;
}

export const SECTION_TITLES = {
  summary: 'This week',
  models: 'Recommended models',
  completed: 'Reviews completed',
  againstAdvice: 'Decided against the advice',
  stalled: 'Stalled interviews',
  pendingSignOff: 'Waiting for sign-off',
  approved: 'Approved this week',
  decidedOtherwise: 'Decided other than recommended',
} as const;

/** "2 approvers still to act, asked 3 days ago" */
export function pendingSignOffText(pendingApprovers: number, waitingDays: number): string {
  const asked = waitingDays < 1 ? 'asked less than a day ago' : `asked ${plural(waitingDays, 'day')} ago`;
  return `${plural(pendingApprovers, 'approver')} still to act, ${asked}`;
}

export const QUIET_WEEK = 'A quiet week: no reviews started or completed, no decisions recorded, nothing in progress.';

/** "compute-advice", with the lenses shaping the advice named after it as on the cards. Unescaped, like all view text. */
export function footerLead(view: DigestView): string {
  const lenses = lensesLabel(view.lenses);
  return lenses ? `compute-advice · ${lenses}` : 'compute-advice';
}

/** The summary as label/value pairs, in display order. */
export function summaryFacts(view: DigestView): Array<{ title: string; value: string }> {
  const s = view.summary;
  return [
    { title: 'Reviews completed', value: countWithChange(s.completed) },
    { title: 'Reviews started', value: countWithChange(s.started) },
    { title: 'Decisions recorded', value: countWithChange(s.decisions) },
    { title: 'Against the advice', value: countWithChange(s.againstAdvice) },
    { title: 'In progress', value: `${s.inProgress}, of which ${s.stalled} stalled` },
  ];
}

/** One line for notifications and fallbacks. */
export function digestHeadline(view: DigestView): string {
  const s = view.summary;
  return (
    `${view.title}: ${plural(s.completed.current, 'review')} completed, ` +
    `${plural(s.againstAdvice.current, 'decision')} against the advice, ${plural(s.stalled, 'interview')} stalled.`
  );
}

/** "and 5 more" */
export function andMore(total: number, shown: number): string | null {
  return total > shown ? `…and ${total - shown} more` : null;
}
