import type { DigestScope } from '../storage/digest-repository.js';
import { reply, type DigestReply } from './digest-reply.js';
import { isKnownTimeZone } from './zoned-time.js';

/** `digest weekly DAY HH:MM TIME_ZONE [workspace|channel]`, `digest off`, `digest preview`, `digest`. */
export type DigestCommand =
  | { kind: 'weekly'; weekday: number; time: string; timeZone: string; scope: DigestScope }
  | { kind: 'off' }
  | { kind: 'preview' }
  | { kind: 'status' };

/** Which word was wrong. */
export type DigestCommandPart = 'action' | 'weekday' | 'time' | 'time_zone' | 'scope' | 'extra';

export type DigestCommandParse =
  | { kind: 'command'; command: DigestCommand }
  | { kind: 'error'; part: DigestCommandPart; message: string; reply: DigestReply };

export const WEEKDAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export const WEEKDAY_LABELS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

// no angle brackets: our literal text is sent as mrkdwn, where `<...>` would be read as a link or mention
export const DIGEST_USAGE = reply`Usage: \`digest weekly DAY HH:MM TIME_ZONE [workspace]\` (e.g. \`digest weekly mon 09:00 Europe/Berlin\`), \`digest off\`, \`digest preview\`, or \`digest\` for the current schedule.`;

/** True when the text is a digest command (its first word is `digest`), valid or not. */
export function isDigestCommand(text: string): boolean {
  return /^\s*digest(\s|$)/i.test(text);
}

/** mon..sun, or the full names; any case. 0 = Sunday. */
export function parseWeekday(word: string): number | undefined {
  const w = word.toLowerCase();
  const index = WEEKDAY_NAMES.findIndex((name) => name === w || name.slice(0, 3) === w);
  return index === -1 ? undefined : index;
}

/** 24-hour H:MM or HH:MM -> 'HH:MM'. */
export function parseTime(word: string): string | undefined {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(word);
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : undefined;
}

/**
 * An IANA zone in its canonical spelling ('europe/berlin' -> 'Europe/Berlin'). Only Area/Location names and UTC:
 * abbreviations such as EST or CET never change with daylight saving, which is rarely what the person means.
 */
export function parseTimeZone(word: string): string | undefined {
  if (/^(utc|gmt|z)$/i.test(word)) return 'UTC';
  if (!/^[A-Za-z][A-Za-z_-]*(\/[A-Za-z0-9_+-]+){1,2}$/.test(word)) return undefined;
  if (!isKnownTimeZone(word)) return undefined;
  // Node's ICU names some zones by their old aliases (Asia/Calcutta): keep a name typed with proper capitals as typed
  if (word.split('/').every((part) => /^[A-Z]/.test(part))) return word;
  const supported = Intl.supportedValuesOf('timeZone').find((z) => z.toLowerCase() === word.toLowerCase());
  return supported ?? new Intl.DateTimeFormat('en-US', { timeZone: word }).resolvedOptions().timeZone;
}

function error(part: DigestCommandPart, r: DigestReply): DigestCommandParse {
  return { kind: 'error', part, message: r.text, reply: r };
}

/** Parses the words after the bot's command or mention. Pure. */
export function parseDigestCommand(text: string): DigestCommandParse {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words[0]?.toLowerCase() === 'digest') words.shift();
  const action = words.shift()?.toLowerCase();
  if (action === undefined || action === 'status') return onlyThese(words, { kind: 'status' });
  if (action === 'off' || action === 'stop') return onlyThese(words, { kind: 'off' });
  if (action === 'preview') return onlyThese(words, { kind: 'preview' });
  if (action !== 'weekly') {
    return error('action', reply`${action} is not a digest command. ${DIGEST_USAGE}`);
  }

  const [dayWord, timeWord, zoneWord, scopeWord, ...extra] = words;
  if (dayWord === undefined) {
    return error('weekday', reply`Which day? Add a weekday, a time and a time zone: \`digest weekly mon 09:00 Europe/Berlin\`.`);
  }
  const weekday = parseWeekday(dayWord);
  if (weekday === undefined) {
    return error('weekday', reply`${dayWord} is not a weekday. Use mon, tue, wed, thu, fri, sat or sun (or the full name).`);
  }
  if (timeWord === undefined) {
    return error('time', reply`What time? Add a 24-hour time and a time zone after the day, e.g. \`09:00 Europe/Berlin\`.`);
  }
  const time = parseTime(timeWord);
  if (time === undefined) {
    return error('time', reply`${timeWord} is not a time. Use the 24-hour clock, HH:MM from 00:00 to 23:59, e.g. 09:00 or 17:30.`);
  }
  if (zoneWord === undefined) {
    return error('time_zone', reply`Which time zone? Add an IANA time zone after the time, e.g. Europe/Berlin, America/New_York or UTC.`);
  }
  const timeZone = parseTimeZone(zoneWord);
  if (timeZone === undefined) {
    return error(
      'time_zone',
      reply`${zoneWord} is not an IANA time zone. Use a name such as Europe/Berlin, America/New_York, Asia/Tokyo or UTC.`,
    );
  }
  let scope: DigestScope = 'channel';
  if (scopeWord !== undefined) {
    const s = scopeWord.toLowerCase();
    if (s === 'workspace' || s === 'channel') scope = s;
    else
      return error(
        'scope',
        reply`${scopeWord} is not a digest scope. Add \`workspace\` for a workspace-wide digest, or nothing for this channel only.`,
      );
  }
  if (extra.length > 0) {
    return error('extra', reply`Unexpected ${extra.join(' ')} at the end. ${DIGEST_USAGE}`);
  }
  return { kind: 'command', command: { kind: 'weekly', weekday, time, timeZone, scope } };
}

function onlyThese(rest: string[], command: DigestCommand): DigestCommandParse {
  if (rest.length === 0) return { kind: 'command', command };
  return error('extra', reply`Unexpected ${rest.join(' ')} at the end. ${DIGEST_USAGE}`);
}
