import { describe, expect, it } from 'vitest';
import { isDigestCommand, parseDigestCommand } from '../../src/digest/digest-command.js';
import { isInertMrkdwn } from '../render/helpers/walk.js';

describe('parseDigestCommand', () => {
  it.each([
    ['digest weekly mon 09:00 Europe/Berlin', { kind: 'weekly', weekday: 1, time: '09:00', timeZone: 'Europe/Berlin', scope: 'channel' }],
    [
      'digest weekly Friday 17:30 America/New_York workspace',
      { kind: 'weekly', weekday: 5, time: '17:30', timeZone: 'America/New_York', scope: 'workspace' },
    ],
    [
      '  DIGEST   Weekly  SUN  7:05  europe/berlin  ',
      { kind: 'weekly', weekday: 0, time: '07:05', timeZone: 'Europe/Berlin', scope: 'channel' },
    ],
    ['weekly sat 23:59 UTC channel', { kind: 'weekly', weekday: 6, time: '23:59', timeZone: 'UTC', scope: 'channel' }],
    ['digest weekly tue 00:00 utc', { kind: 'weekly', weekday: 2, time: '00:00', timeZone: 'UTC', scope: 'channel' }],
    [
      'digest weekly wednesday 12:00 Asia/Kolkata',
      { kind: 'weekly', weekday: 3, time: '12:00', timeZone: 'Asia/Kolkata', scope: 'channel' },
    ],
    [
      'digest weekly thu 08:15 America/Argentina/Buenos_Aires',
      { kind: 'weekly', weekday: 4, time: '08:15', timeZone: 'America/Argentina/Buenos_Aires', scope: 'channel' },
    ],
    ['digest off', { kind: 'off' }],
    ['digest stop', { kind: 'off' }],
    ['digest preview', { kind: 'preview' }],
    ['digest', { kind: 'status' }],
    ['digest status', { kind: 'status' }],
  ])('%j', (text, command) => {
    expect(parseDigestCommand(text)).toEqual({ kind: 'command', command });
  });

  it.each([
    ['digest weekly funday 09:00 Europe/Berlin', 'weekday', /funday is not a weekday\. Use mon, tue, wed, thu, fri, sat or sun/],
    ['digest weekly', 'weekday', /Which day\?/],
    ['digest weekly mon', 'time', /What time\?/],
    ['digest weekly mon 9am Europe/Berlin', 'time', /9am is not a time\. Use the 24-hour clock, HH:MM from 00:00 to 23:59/],
    ['digest weekly mon 24:00 Europe/Berlin', 'time', /24:00 is not a time/],
    ['digest weekly mon 09:60 Europe/Berlin', 'time', /09:60 is not a time/],
    ['digest weekly mon 09:00', 'time_zone', /Which time zone\? .*Europe\/Berlin/],
    [
      'digest weekly mon 09:00 Mars/Olympus_Mons',
      'time_zone',
      /Mars\/Olympus_Mons is not an IANA time zone\. Use a name such as Europe\/Berlin/,
    ],
    ['digest weekly mon 09:00 EST', 'time_zone', /EST is not an IANA time zone/],
    ['digest weekly mon 09:00 +01:00', 'time_zone', /\+01:00 is not an IANA time zone/],
    ['digest weekly mon 09:00 UTC everywhere', 'scope', /everywhere is not a digest scope\. Add `workspace`/],
    ['digest weekly mon 09:00 UTC workspace please', 'extra', /Unexpected please at the end/],
    ['digest off now', 'extra', /Unexpected now/],
    ['digest monthly', 'action', /monthly is not a digest command\. Usage: `digest weekly DAY HH:MM TIME_ZONE \[workspace\]`/],
  ])('%j is refused, naming the %s', (text, part, message) => {
    const result = parseDigestCommand(text);
    expect(result).toMatchObject({ kind: 'error', part });
    if (result.kind !== 'error') return;
    expect(result.message).toMatch(message);
    expect(result.reply.text).toBe(result.message);
  });

  it('echoes what was typed without letting it ping or link, in every format', () => {
    const result = parseDigestCommand('digest weekly <!channel> 09:00 UTC');
    if (result.kind !== 'error') throw new Error('expected an error');
    expect(result.part).toBe('weekday');
    expect(result.reply.text).toContain('<!channel> is not a weekday');
    expect(result.reply.mrkdwn).toContain('&lt;!channel&gt; is not a weekday');
    expect(isInertMrkdwn(result.reply.mrkdwn)).toBe(true);
    const at = parseDigestCommand('digest weekly mon 09:00 <at>Alex</at>');
    if (at.kind !== 'error') throw new Error('expected an error');
    expect(at.reply.teamsMarkdown).not.toMatch(/<at>/);
  });

  it('recognises digest commands by their first word', () => {
    expect(isDigestCommand('digest weekly mon 09:00 UTC')).toBe(true);
    expect(isDigestCommand('  Digest')).toBe(true);
    expect(isDigestCommand('digests-service')).toBe(false);
    expect(isDigestCommand('payments-webhooks')).toBe(false);
  });
});
