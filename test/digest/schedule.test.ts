import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dueRuns, nextOccurrence, occurrenceInWeek, runKey } from '../../src/digest/schedule.js';
import { isoWeekKey, zonedParts } from '../../src/digest/zoned-time.js';
import type { DigestSubscription } from '../../src/storage/digest-repository.js';
import { DAY, HOUR, MINUTE, at, iso } from './helpers.js';

function sub(
  weekday: number,
  time: string,
  timeZone: string,
  updatedAt = at('2026-01-01T00:00:00Z'),
  channelId = 'C1',
): DigestSubscription {
  return {
    platform: 'slack',
    workspaceId: 'T1',
    channelId,
    weekday,
    time,
    timeZone,
    scope: 'channel',
    conversationRef: null,
    audience: null,
    createdBy: 'U1',
    createdAt: updatedAt,
    updatedBy: 'U1',
    updatedAt,
  };
}

describe('nextOccurrence', () => {
  it('finds the next weekday and time in the zone, strictly after the instant', () => {
    const mon9Berlin = sub(1, '09:00', 'Europe/Berlin');
    expect(iso(nextOccurrence(mon9Berlin, at('2026-11-18T12:00:00Z')))).toBe('2026-11-23T08:00:00.000Z');
    expect(iso(nextOccurrence(mon9Berlin, at('2026-11-23T08:00:00Z')))).toBe('2026-11-30T08:00:00.000Z');
    expect(iso(nextOccurrence(mon9Berlin, at('2026-11-23T07:59:59Z')))).toBe('2026-11-23T08:00:00.000Z');
  });

  it('keeps the local wall-clock time across Berlin DST changes (last Sundays of March and October)', () => {
    const mon9 = sub(1, '09:00', 'Europe/Berlin');
    expect(iso(nextOccurrence(mon9, at('2026-03-20T00:00:00Z')))).toBe('2026-03-23T08:00:00.000Z'); // CET
    expect(iso(nextOccurrence(mon9, at('2026-03-24T00:00:00Z')))).toBe('2026-03-30T07:00:00.000Z'); // CEST
    expect(iso(nextOccurrence(mon9, at('2026-10-20T00:00:00Z')))).toBe('2026-10-26T08:00:00.000Z'); // CET again
  });

  it('keeps the local wall-clock time across New York DST changes', () => {
    const mon9 = sub(1, '09:00', 'America/New_York');
    expect(iso(nextOccurrence(mon9, at('2026-03-01T00:00:00Z')))).toBe('2026-03-02T14:00:00.000Z'); // EST
    expect(iso(nextOccurrence(mon9, at('2026-03-03T00:00:00Z')))).toBe('2026-03-09T13:00:00.000Z'); // EDT
    expect(iso(nextOccurrence(mon9, at('2026-10-28T00:00:00Z')))).toBe('2026-11-02T14:00:00.000Z'); // EST
  });

  it('fires a time inside the spring-forward gap just after it, and a repeated time once', () => {
    const sun0230 = sub(0, '02:30', 'Europe/Berlin');
    expect(iso(nextOccurrence(sun0230, at('2026-03-28T00:00:00Z')))).toBe('2026-03-29T01:30:00.000Z'); // 03:30 CEST
    const first = nextOccurrence(sun0230, at('2026-10-24T00:00:00Z'));
    expect(zonedParts(first, 'Europe/Berlin')).toMatchObject({ day: 25, hour: 2, minute: 30 });
    expect(iso(nextOccurrence(sun0230, first))).toBe('2026-11-01T01:30:00.000Z'); // next week, not the repeated hour
  });
});

describe('occurrenceInWeek', () => {
  it("returns this ISO week's scheduled time in the subscriber's zone, past or future", () => {
    const fri17 = sub(5, '17:00', 'Europe/Berlin');
    expect(iso(occurrenceInWeek(fri17, at('2026-11-23T10:00:00Z'))!)).toBe('2026-11-27T16:00:00.000Z');
    expect(iso(occurrenceInWeek(fri17, at('2026-11-29T22:00:00Z'))!)).toBe('2026-11-27T16:00:00.000Z'); // Sun 23:00 local
    expect(iso(occurrenceInWeek(fri17, at('2026-11-29T23:30:00Z'))!)).toBe('2026-12-04T16:00:00.000Z'); // Mon 00:30 local
  });

  it('lies in the same week and at the wall-clock time asked for, for any zone and instant', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney', 'America/Sao_Paulo', 'UTC'];
    fc.assert(
      fc.property(
        fc.integer({ min: at('2025-01-01T00:00:00Z'), max: at('2030-01-01T00:00:00Z') }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.constantFrom(...zones),
        (now, weekday, hour, minute, zone) => {
          const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          const t = occurrenceInWeek(sub(weekday, time, zone), now);
          expect(t).not.toBeNull();
          expect(isoWeekKey(t!, zone)).toBe(isoWeekKey(now, zone));
          const p = zonedParts(t!, zone);
          // equal, except where the time did not exist that day (then it is just after the gap)
          if (p.hour !== hour || p.minute !== minute)
            expect(Math.abs(p.hour * 60 + p.minute - (hour * 60 + minute))).toBeLessThanOrEqual(60);
          expect(p.weekday).toBe(weekday);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('dueRuns', () => {
  const mon9 = sub(1, '09:00', 'Europe/Berlin');
  const none = new Set<string>();

  it('is due once the scheduled time has passed this week, and not before', () => {
    expect(dueRuns(at('2026-11-23T07:59:59Z'), [mon9], none)).toEqual([]);
    expect(dueRuns(at('2026-11-23T08:00:00Z'), [mon9], none)).toEqual([
      { subscription: mon9, weekKey: '2026-W48', scheduledAt: at('2026-11-23T08:00:00Z') },
    ]);
  });

  it('is not due when the run for this channel and week is claimed', () => {
    const claimed = new Set([runKey(mon9, '2026-W48')]);
    expect(dueRuns(at('2026-11-23T08:05:00Z'), [mon9], claimed)).toEqual([]);
    // another channel with the same schedule still is
    const other = sub(1, '09:00', 'Europe/Berlin', mon9.updatedAt, 'C2');
    expect(dueRuns(at('2026-11-23T08:05:00Z'), [mon9, other], claimed).map((d) => d.subscription.channelId)).toEqual(['C2']);
  });

  it('catches up a digest missed while down later in the same week, but never in the next week', () => {
    expect(dueRuns(at('2026-11-26T12:00:00Z'), [mon9], none)).toHaveLength(1); // Thursday
    expect(dueRuns(at('2026-11-29T22:59:00Z'), [mon9], none)).toHaveLength(1); // Sunday 23:59 local
    // Monday 00:01 local of the next week: the missed week is gone, this week's time has not come
    expect(dueRuns(at('2026-11-29T23:01:00Z'), [mon9], none)).toEqual([]);
  });

  it('crosses the week boundary into a new run key', () => {
    const thisWeek = dueRuns(at('2026-11-23T09:00:00Z'), [mon9], none)[0]!;
    const nextWeek = dueRuns(at('2026-11-30T09:00:00Z'), [mon9], new Set([runKey(mon9, thisWeek.weekKey)]))[0]!;
    expect([thisWeek.weekKey, nextWeek.weekKey]).toEqual(['2026-W48', '2026-W49']);
    expect(nextWeek.scheduledAt - thisWeek.scheduledAt).toBe(7 * DAY);
  });

  it('does not fire for a scheduled time that passed before the schedule was set', () => {
    const setAfter = sub(1, '09:00', 'Europe/Berlin', at('2026-11-23T08:00:01Z'));
    expect(dueRuns(at('2026-11-24T12:00:00Z'), [setAfter], none)).toEqual([]);
    expect(dueRuns(at('2026-11-30T08:00:00Z'), [setAfter], none)).toHaveLength(1);
  });

  it('uses the week of the zone: a Sunday 23:30 UTC Monday digest in Auckland belongs to the local week', () => {
    const auckland = sub(1, '08:00', 'Pacific/Auckland');
    const due = dueRuns(at('2026-11-22T19:00:00Z'), [auckland], none); // Mon 08:00 NZDT
    expect(due).toHaveLength(1);
    expect(due[0]!.weekKey).toBe('2026-W48');
    expect(dueRuns(at('2026-11-22T19:00:00Z') - MINUTE, [auckland], none)).toEqual([]);
    expect(HOUR).toBeGreaterThan(0);
  });
});
