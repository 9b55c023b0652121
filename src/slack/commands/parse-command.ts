import { decodeSlackEntities, mentionedUserIds, workloadNameFrom } from '../slack-text.js';

/** What `/compute-advice <text>` asks for. Pure: tested as a table. */
export type ParsedCommand =
  | { kind: 'help' }
  | { kind: 'list' }
  | { kind: 'lens' }
  | { kind: 'cancel'; reviewId?: string }
  | { kind: 'resume'; reviewId?: string }
  | { kind: 'add'; userIds: string[]; reviewId?: string; unresolved: boolean }
  | { kind: 'signoff'; userIds: string[]; reviewId?: string; unresolved: boolean }
  | { kind: 'design_review'; on: boolean; keywords: string[] | null }
  | { kind: 'design_review_usage' }
  | { kind: 'digest'; text: string }
  | { kind: 'start'; workloadName: string };

const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Keywords: comma-separated when there is a comma ("new service, ADR"), otherwise one per word. */
export function parseKeywords(text: string): string[] | null {
  const parts = (text.includes(',') ? text.split(',') : text.split(/\s+/)).map((k) => k.trim()).filter(Boolean);
  const unique = [...new Set(parts.map((k) => k.slice(0, 50)))].slice(0, 30);
  return unique.length > 0 ? unique : null;
}

export function parseCommand(raw: string): ParsedCommand {
  // Slack sends the text entity-encoded, with escaped mentions (<@U…|name>) when the command has should_escape.
  const text = decodeSlackEntities(raw).trim();
  if (text === '') return { kind: 'help' };
  const words = text.split(/\s+/);
  const head = (words[0] ?? '').toLowerCase();
  const rest = words.slice(1);

  if ((head === 'help' || head === '-h' || head === '--help' || head === '?') && rest.length === 0) return { kind: 'help' };
  if (head === 'list' && rest.length === 0) return { kind: 'list' };
  if ((head === 'lens' || head === 'lenses') && rest.length === 0) return { kind: 'lens' };
  if ((head === 'cancel' || head === 'resume') && (rest.length === 0 || (rest.length === 1 && ID.test(rest[0] as string)))) {
    return rest.length === 0 ? { kind: head } : { kind: head, reviewId: rest[0] as string };
  }
  if ((head === 'add' || head === 'signoff' || head === 'sign-off') && rest.length > 0) {
    const userIds = mentionedUserIds(rest.join(' '));
    const others = rest.filter((w) => !/^<@[UW][A-Z0-9]+(?:\|[^>]*)?>,?$/.test(w));
    const reviewId =
      others.length === 1 && ID.test(others[0] as string) && !(others[0] as string).startsWith('@') ? (others[0] as string) : undefined;
    const unresolved = userIds.length === 0 || others.some((w) => w.startsWith('@'));
    return { kind: head === 'add' ? 'add' : 'signoff', userIds, ...(reviewId ? { reviewId } : {}), unresolved };
  }
  if (head === 'digest') return { kind: 'digest', text };
  if (head === 'channel') {
    const [setting, state, ...keywords] = rest;
    if (setting?.toLowerCase() === 'design-review' && (state?.toLowerCase() === 'on' || state?.toLowerCase() === 'off')) {
      const on = state.toLowerCase() === 'on';
      return { kind: 'design_review', on, keywords: on ? parseKeywords(keywords.join(' ')) : null };
    }
    return { kind: 'design_review_usage' };
  }
  const workloadName = workloadNameFrom(text);
  return workloadName ? { kind: 'start', workloadName } : { kind: 'help' };
}
