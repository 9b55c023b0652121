import { MODELS, MODEL_LABELS } from '../core/models.js';
import type { DigestStore, DigestSubscription, StatsDecisionRow, StatsReviewRow } from '../storage/digest-repository.js';
import type { DigestCount, DigestLens, DigestReviewItem, DigestView, ModelRef } from './digest-view.js';
import { slackPermalink } from '../render/slack-ids.js';
import { formatZoned, isoWeekKey, sameLocalTimeDaysBefore, zonedParts } from './zoned-time.js';

export const DEFAULT_STALLED_AFTER_MS = 24 * 3_600_000;
export const DEFAULT_LIST_LIMIT = 10;
const DAY_MS = 86_400_000;

export type DigestTarget = Pick<DigestSubscription, 'platform' | 'workspaceId' | 'channelId' | 'scope' | 'timeZone'> &
  Partial<Pick<DigestSubscription, 'audience'>>;

/**
 * What a digest may count: a workspace digest counts the reviews started where the channel's own audience can see
 * them (the same audience); a channel with no wider audience (a chat, a private channel) gets its own reviews only.
 */
function countedScope(target: DigestTarget): { channelId: string | null; audience: string | null } {
  if (target.scope === 'workspace' && target.audience) return { channelId: null, audience: target.audience };
  return { channelId: target.channelId, audience: null };
}

export interface BuildDigestOptions {
  /** The end of the digest's week; defaults to now. The scheduler passes the scheduled time. */
  periodEnd?: number;
  /** An interview idle this long is stalled. Default 24 hours (the reminder threshold). */
  stalledAfterMs?: number;
  /** The most items per list. Default 10. */
  listLimit?: number;
  /** The lenses the server applies (LENS_PATHS), named in the digest like on the cards. Default none. */
  lenses?: readonly DigestLens[];
}

function modelRef(model: string | null): ModelRef | null {
  if (model === null || model === '') return null;
  return { model, label: (MODEL_LABELS as Record<string, string>)[model] ?? model };
}

function count(c: { current: number; previous: number }): DigestCount {
  return { current: c.current, previous: c.previous, delta: c.current - c.previous };
}

/**
 * The digest for a subscription's week: the seven days up to periodEnd (same wall-clock time a week earlier, in the
 * subscriber's zone) and the seven before, for the change. Seven indexed queries in one read transaction, and the
 * sign-off section's three in another.
 */
export async function buildDigest(
  store: DigestStore,
  subscription: DigestTarget,
  now: number,
  options: BuildDigestOptions = {},
): Promise<DigestView> {
  const { platform, workspaceId, timeZone } = subscription;
  const counted = countedScope(subscription);
  const scope = counted.channelId === null ? 'workspace' : 'channel';
  const channelId = subscription.channelId;
  const to = options.periodEnd ?? now;
  const from = sameLocalTimeDaysBefore(to, 7, timeZone);
  const previousFrom = sameLocalTimeDaysBefore(to, 14, timeZone);
  const stalledAfterMs = options.stalledAfterMs ?? DEFAULT_STALLED_AFTER_MS;
  const listLimit = options.listLimit ?? DEFAULT_LIST_LIMIT;
  const stats = await store.stats.collect({
    platform,
    workspaceId,
    ...counted,
    prevFrom: previousFrom,
    from,
    to,
    stalledBefore: now - stalledAfterMs,
    listLimit,
  });

  const signOffs = await store.signoffStats.collect({ platform, workspaceId, ...counted, from, to });
  const linkOf = (row: { channelId: string; threadRef: string | null }) =>
    platform === 'slack' ? slackPermalink(row.channelId, row.threadRef) : null;

  const reviewItem = (row: StatsReviewRow): DigestReviewItem => ({
    reviewId: row.reviewId,
    workloadName: row.workloadName,
    channelId: row.channelId,
    link: linkOf(row),
    at: row.at,
    recommended: modelRef(row.recommended),
    idleDays: Math.max(0, Math.floor((now - row.at) / DAY_MS)),
  });
  const decisionItem = (row: StatsDecisionRow) => ({
    reviewId: row.reviewId,
    workloadName: row.workloadName,
    channelId: row.channelId,
    link: linkOf(row),
    chosen: modelRef(row.chosenModel) ?? { model: row.chosenModel, label: row.chosenModel },
    chosenVerdict: row.chosenVerdict,
    recommended: modelRef(row.recommended),
    note: row.note,
    at: row.at,
  });

  const completedTotal = stats.completed.current;
  const models = stats.completedByModel
    .filter((m) => m.current > 0)
    .map((m) => ({
      model: m.model,
      label: modelRef(m.model)?.label ?? 'no recommendation',
      count: m.current,
      previous: m.previous,
      percent: completedTotal === 0 ? 0 : Math.round((m.current / completedTotal) * 100),
    }))
    .sort((a, b) => b.count - a.count || modelOrder(a.model) - modelOrder(b.model));

  const sameYear = zonedParts(from, timeZone).year === zonedParts(to, timeZone).year;
  const summary = {
    completed: count(stats.completed),
    started: count(stats.started),
    decisions: count(stats.decisions),
    againstAdvice: count(stats.againstAdvice),
    inProgress: stats.open,
    stalled: stats.stalled,
  };
  return {
    title: 'Weekly compute digest',
    scopeLabel: scopeLabel(counted.audience),
    scope,
    platform,
    workspaceId,
    channelId,
    timeZone,
    weekKey: isoWeekKey(to, timeZone),
    period: {
      from,
      to,
      previousFrom,
      label: `${formatZoned(from, timeZone, { year: !sameYear })} – ${formatZoned(to, timeZone)} (${timeZone})`,
    },
    summary,
    models,
    completed: { total: stats.completed.current, items: stats.completedList.map(reviewItem) },
    againstAdvice: { total: stats.againstAdvice.current, items: stats.againstAdviceList.map(decisionItem) },
    stalled: { total: stats.stalled, items: stats.stalledList.map(reviewItem) },
    stalledAfterHours: Math.round(stalledAfterMs / 3_600_000),
    signOff: {
      pending: {
        total: signOffs.pending.length,
        items: signOffs.pending.slice(0, listLimit).map((row) => ({
          reviewId: row.reviewId,
          workloadName: row.workloadName,
          channelId: row.channelId,
          link: linkOf(row),
          pendingApprovers: row.pendingApprovers,
          waitingDays: Math.max(0, Math.floor((now - row.requestedAt) / DAY_MS)),
        })),
      },
      approved: {
        total: signOffs.approved.length,
        items: signOffs.approved.slice(0, listLimit).map((row) => ({
          reviewId: row.reviewId,
          workloadName: row.workloadName,
          channelId: row.channelId,
          link: linkOf(row),
          approverId: row.approverId,
          at: row.at,
        })),
      },
      decidedOtherwise: {
        total: signOffs.decidedOtherwise.length,
        items: signOffs.decidedOtherwise.slice(0, listLimit).map((row) => decisionItem({ ...row, chosenVerdict: null })),
      },
    },
    isQuiet:
      summary.completed.current === 0 &&
      summary.started.current === 0 &&
      summary.decisions.current === 0 &&
      summary.inProgress === 0 &&
      signOffs.pending.length === 0 &&
      signOffs.approved.length === 0,
    lenses: (options.lenses ?? []).map(({ name, version }) => ({ name, version })),
    generatedAt: now,
  };
}

/** What a digest covers, in words: a workspace digest covers the channels its audience can see. */
export function scopeLabel(audience: string | null): string {
  if (audience === 'workspace') return 'Public channels across the workspace';
  if (audience?.startsWith('team:')) return "The team's channels";
  return 'This channel';
}

function modelOrder(model: string): number {
  const i = (MODELS as readonly string[]).indexOf(model);
  return i === -1 ? MODELS.length : i;
}
