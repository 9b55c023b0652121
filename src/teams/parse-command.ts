import { normalizeWorkloadName } from '../core/workload-name.js';

/**
 * What a Teams message asks for, once the bot's own @mention is removed. Pure: no SDK types.
 * `compute-advice <name>` starts a review; `help`, `list`, `cancel`, `add @person` and `signoff @person` work with or without the
 * `compute-advice` prefix; anything else is a typed answer (or, with no review running, a hint).
 */
export type TeamsCommand =
  | { kind: 'start'; workloadName: string }
  | { kind: 'usage' }
  | { kind: 'help' }
  | { kind: 'list' }
  | { kind: 'lens' }
  | { kind: 'cancel' }
  | { kind: 'add' }
  | { kind: 'signoff' }
  | { kind: 'digest'; text: string }
  | { kind: 'text'; text: string };

export const COMMAND_WORD = 'compute-advice';

const KEYWORDS: Record<string, TeamsCommand['kind']> = {
  help: 'help',
  '?': 'help',
  list: 'list',
  lens: 'lens',
  lenses: 'lens',
  cancel: 'cancel',
  add: 'add',
  signoff: 'signoff',
  'sign-off': 'signoff',
};

/** Teams text can carry HTML entities, leftover <at> tags of other people and stray whitespace. */
export function cleanTeamsText(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&#39;/gi, "'")
    .replace(/&amp;/gi, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

export function parseCommand(raw: string): TeamsCommand {
  const text = cleanTeamsText(raw);
  const prefixed = new RegExp(`^/?${COMMAND_WORD}\\b:?\\s*`, 'i').exec(text);
  const rest = prefixed ? text.slice(prefixed[0].length).trim() : text;
  const [first = '', ...others] = rest.split(' ');
  // "digest weekly mon 09:00 Europe/Berlin", "digest off", "digest preview": channel digest settings.
  if (first.toLowerCase() === 'digest') return { kind: 'digest', text: rest };
  const keyword = KEYWORDS[first.toLowerCase()];
  // "help" alone is a command; "help desk router" after the prefix is a workload name.
  if (keyword && (others.length === 0 || keyword === 'add' || keyword === 'signoff')) return { kind: keyword } as TeamsCommand;
  if (!prefixed) return { kind: 'text', text };
  if (rest === '') return { kind: 'usage' };
  return { kind: 'start', workloadName: normalizeWorkloadName(rest) };
}
