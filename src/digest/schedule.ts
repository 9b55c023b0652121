import { Cron } from 'croner';
import type { DigestPlace, DigestSubscription } from '../storage/digest-repository.js';
import { isoWeekKey } from './zoned-time.js';

/**
 * Weekly schedule math, pure: croner (time-zone aware, DST-safe) finds the occurrences of "weekday at HH:MM in zone";
 * Intl gives the ISO week they fall in. A week is the subscriber's week: ISO Monday-Sunday in their zone.
 */

export interface WeeklySchedule {
  /** 0 = Sunday ... 6 = Saturday. */
  weekday: number;
  /** 'HH:MM', 24-hour, local to timeZone. */
  time: string;
  timeZone: string;
}

const DAY_MS = 86_400_000;
const crons = new Map<string, Cron>();

function cronFor(schedule: WeeklySchedule): Cron {
  const [hh, mm] = schedule.time.split(':').map(Number);
  const pattern = `0 ${mm} ${hh} * * ${schedule.weekday}`;
  const key = `${pattern}|${schedule.timeZone}`;
  let cron = crons.get(key);
  if (!cron) {
    // no callback: croner only computes, it never starts a timer
    cron = new Cron(pattern, { timezone: schedule.timeZone, paused: true });
    crons.set(key, cron);
  }
  return cron;
}

/**
 * The next scheduled instant strictly after `after`. On the day clocks go forward a time in the gap fires just after
 * it (02:30 becomes 03:30); on the day they go back a repeated time fires once.
 */
export function nextOccurrence(schedule: WeeklySchedule, after: number): number {
  const next = cronFor(schedule).nextRun(new Date(after));
  if (!next) throw new Error(`no next run for ${schedule.weekday} ${schedule.time} ${schedule.timeZone}`);
  return next.getTime();
}

// croner walks the calendar (about 2 ms a call), so each schedule's occurrence is worked out once per week and kept:
// subscriptions share a few schedules, and every tick after the first in a week is a map lookup
const weekOccurrences = new Map<string, number | null>();
const OCCURRENCE_CACHE_MAX = 10_000;

/** The scheduled instant in the ISO week (in the schedule's zone) that contains `instant`; null if that week has none. */
export function occurrenceInWeek(schedule: WeeklySchedule, instant: number): number | null {
  const week = isoWeekKey(instant, schedule.timeZone);
  const key = `${schedule.weekday}|${schedule.time}|${schedule.timeZone}|${week}`;
  const cached = weekOccurrences.get(key);
  if (cached !== undefined) return cached;
  const found = findInWeek(schedule, instant, week);
  if (weekOccurrences.size >= OCCURRENCE_CACHE_MAX) weekOccurrences.clear();
  weekOccurrences.set(key, found);
  return found;
}

function findInWeek(schedule: WeeklySchedule, instant: number, week: string): number | null {
  // any week's occurrence lies within 8 days before the week's last instant
  let t = nextOccurrence(schedule, instant - 8 * DAY_MS);
  for (let i = 0; i < 3; i++) {
    const key = isoWeekKey(t, schedule.timeZone);
    if (key === week) return t;
    if (key > week) return null;
    t = nextOccurrence(schedule, t);
  }
  return null;
}

export interface DueRun {
  subscription: DigestSubscription;
  weekKey: string;
  scheduledAt: number;
}

/** The claim key of a channel's digest for a week (digest_runs' primary key as one string). */
export function runKey(place: DigestPlace, weekKey: string): string {
  return JSON.stringify([place.platform, place.workspaceId, place.channelId, weekKey]);
}

/**
 * Digests to post now: this week's scheduled time (in the subscription's zone) has passed, the schedule was set before
 * that time, and no run for this channel and week is claimed. A digest missed while the process was down is therefore
 * due once on the next call in the same week, and never in a later week (its week key has passed).
 */
export function dueRuns(now: number, subscriptions: readonly DigestSubscription[], claimedWeeks: ReadonlySet<string>): DueRun[] {
  const due: DueRun[] = [];
  for (const subscription of subscriptions) {
    const scheduledAt = occurrenceInWeek(subscription, now);
    if (scheduledAt === null || scheduledAt > now || scheduledAt < subscription.updatedAt) continue;
    const weekKey = isoWeekKey(now, subscription.timeZone);
    if (claimedWeeks.has(runKey(subscription, weekKey))) continue;
    due.push({ subscription, weekKey, scheduledAt });
  }
  return due;
}
