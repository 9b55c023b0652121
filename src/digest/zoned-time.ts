/**
 * Wall-clock arithmetic in an IANA time zone with nothing but Intl, so the digest's weeks and periods follow the
 * subscriber's calendar across daylight-saving changes. Instants are epoch milliseconds.
 */

export interface ZonedParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday ... 6 = Saturday, as in cron and Date#getDay. */
  weekday: number;
}

const DAY_MS = 86_400_000;
const WEEKDAY_INDEX: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock date and time of an instant in a zone. */
export function zonedParts(instant: number, timeZone: string): ZonedParts {
  const out: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) out[p.type] = p.value;
  return {
    year: Number(out.year),
    month: Number(out.month),
    day: Number(out.day),
    hour: Number(out.hour) % 24,
    minute: Number(out.minute),
    second: Number(out.second),
    weekday: WEEKDAY_INDEX[out.weekday ?? ''] ?? 0,
  };
}

/** The zone's offset from UTC at an instant, in ms (Berlin in winter: +3,600,000). */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const seconds = Math.floor(instant / 1000) * 1000;
  const p = zonedParts(seconds, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - seconds;
}

/** True when Intl knows the zone. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The instant at the same wall-clock time `days` days earlier in the zone (so a week back across a DST change is
 * 167 or 169 hours). A wall time that does not exist that day is moved forward by the gap.
 */
export function sameLocalTimeDaysBefore(instant: number, days: number, timeZone: string): number {
  return zonedTimeToInstant(instant + zoneOffsetMs(instant, timeZone) - days * DAY_MS, timeZone);
}

/**
 * The instant whose wall-clock time in the zone is `local` (wall-clock fields written as if UTC). A repeated wall
 * time (clocks going back) gives the later instant, as croner does; a skipped one is moved forward by the gap.
 */
export function zonedTimeToInstant(local: number, timeZone: string): number {
  let t = local - zoneOffsetMs(local, timeZone);
  t = local - zoneOffsetMs(t, timeZone);
  if (t + zoneOffsetMs(t, timeZone) === local) return t;
  // in a gap: read the wall time with the offset in force before the change
  return local - zoneOffsetMs(t - 6 * 3_600_000, timeZone);
}

/** ISO 8601 week of a calendar date: weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeekOfDate(year: number, month: number, day: number): { year: number; week: number } {
  const date = Date.UTC(year, month - 1, day);
  const isoWeekday = ((new Date(date).getUTCDay() + 6) % 7) + 1; // 1 = Monday ... 7 = Sunday
  const thursday = new Date(date + (4 - isoWeekday) * DAY_MS);
  const weekYear = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(weekYear, 0, 1)) / (7 * DAY_MS)) + 1;
  return { year: weekYear, week };
}

/** The ISO week key ('2026-W47') of an instant, in the zone's calendar. */
export function isoWeekKey(instant: number, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  const { year, week } = isoWeekOfDate(p.year, p.month, p.day);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** 'Mon 24 Nov 2026, 09:00' in the zone; locale-independent so tests and logs are stable. */
export function formatZoned(instant: number, timeZone: string, options: { year?: boolean } = {}): string {
  const p = zonedParts(instant, timeZone);
  const hhmm = `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
  const year = options.year === false ? '' : ` ${p.year}`;
  return `${DAYS[p.weekday]} ${p.day} ${MONTHS[p.month - 1]}${year}, ${hhmm}`;
}
