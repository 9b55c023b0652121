import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  formatZoned,
  isoWeekKey,
  sameLocalTimeDaysBefore,
  zoneOffsetMs,
  zonedParts,
  zonedTimeToInstant,
} from '../../src/digest/zoned-time.js';
import { HOUR, at, iso } from './helpers.js';

describe('isoWeekKey', () => {
  it.each([
    ['2026-03-23T12:00:00Z', 'UTC', '2026-W13'],
    ['2026-01-01T12:00:00Z', 'UTC', '2026-W01'], // a Thursday: week 1 starts Mon 29 Dec 2025
    ['2025-12-29T00:00:00Z', 'UTC', '2026-W01'],
    ['2027-01-01T12:00:00Z', 'UTC', '2026-W53'], // 2026 starts on a Thursday, so it has 53 weeks
    ['2024-12-30T12:00:00Z', 'UTC', '2025-W01'],
    ['2026-11-23T08:00:00Z', 'Europe/Berlin', '2026-W48'],
  ])('%s in %s is %s', (instant, zone, key) => {
    expect(isoWeekKey(at(instant), zone)).toBe(key);
  });

  it('follows the zone: Sunday 23:30 UTC is already Monday in Berlin and still Sunday in New York', () => {
    const t = at('2026-11-22T23:30:00Z');
    expect(isoWeekKey(t, 'UTC')).toBe('2026-W47');
    expect(isoWeekKey(t, 'Europe/Berlin')).toBe('2026-W48');
    expect(isoWeekKey(t, 'America/New_York')).toBe('2026-W47');
  });
});

describe('zone offsets and wall-clock conversion', () => {
  it('reads offsets on both sides of a change', () => {
    expect(zoneOffsetMs(at('2026-03-29T00:59:00Z'), 'Europe/Berlin')).toBe(1 * HOUR);
    expect(zoneOffsetMs(at('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toBe(2 * HOUR);
    expect(zoneOffsetMs(at('2026-11-01T06:00:00Z'), 'America/New_York')).toBe(-5 * HOUR);
  });

  it('moves a wall time in the spring-forward gap forward by the gap, and takes the later of a repeated one', () => {
    expect(iso(zonedTimeToInstant(Date.UTC(2026, 2, 29, 2, 30), 'Europe/Berlin'))).toBe('2026-03-29T01:30:00.000Z'); // 03:30 CEST
    expect(iso(zonedTimeToInstant(Date.UTC(2026, 9, 25, 2, 30), 'Europe/Berlin'))).toBe('2026-10-25T01:30:00.000Z'); // 02:30 CET
    expect(iso(zonedTimeToInstant(Date.UTC(2026, 9, 25, 9, 0), 'Europe/Berlin'))).toBe('2026-10-25T08:00:00.000Z');
  });

  it('goes a week back by wall-clock time across a DST change (167 or 169 hours)', () => {
    const springEnd = at('2026-03-30T07:00:00Z'); // Mon 09:00 CEST
    expect(iso(sameLocalTimeDaysBefore(springEnd, 7, 'Europe/Berlin'))).toBe('2026-03-23T08:00:00.000Z'); // Mon 09:00 CET
    const autumnEnd = at('2026-10-26T08:00:00Z'); // Mon 09:00 CET
    expect(autumnEnd - sameLocalTimeDaysBefore(autumnEnd, 7, 'Europe/Berlin')).toBe(169 * HOUR);
    expect(iso(sameLocalTimeDaysBefore(at('2026-03-09T13:00:00Z'), 7, 'America/New_York'))).toBe('2026-03-02T14:00:00.000Z');
  });

  it('round-trips any instant through its wall-clock time (outside repeated hours)', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC', 'Pacific/Chatham'];
    fc.assert(
      fc.property(
        fc.integer({ min: at('2020-01-01T00:00:00Z'), max: at('2035-01-01T00:00:00Z') }),
        fc.constantFrom(...zones),
        (t0, zone) => {
          const t = Math.floor(t0 / 60_000) * 60_000;
          const local = t + zoneOffsetMs(t, zone);
          const back = zonedTimeToInstant(local, zone);
          // in a repeated hour the later instant is chosen; it shows the same wall-clock time
          expect(back + zoneOffsetMs(back, zone)).toBe(local);
          if (zoneOffsetMs(t - 3 * HOUR, zone) === zoneOffsetMs(t + 3 * HOUR, zone)) expect(back).toBe(t);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('formats wall-clock times the same on every machine', () => {
    expect(formatZoned(at('2026-11-23T08:00:00Z'), 'Europe/Berlin')).toBe('Mon 23 Nov 2026, 09:00');
    expect(formatZoned(at('2026-11-23T08:00:00Z'), 'America/New_York', { year: false })).toBe('Mon 23 Nov, 03:00');
    expect(zonedParts(at('2026-11-22T23:30:00Z'), 'Europe/Berlin')).toMatchObject({ weekday: 1, hour: 0, minute: 30 });
  });
});
