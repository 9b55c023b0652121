import { escapeAdaptiveText, escapeMrkdwn, truncate } from '../render/escape.js';

/**
 * A reply to a digest command in each output format. Literal parts of the template are ours and may use `code`
 * marks (both Slack mrkdwn and Teams markdown show them as code); interpolated values are user text (an unknown
 * weekday someone typed) and are escaped for each format, so a reply can never ping or link.
 */
export interface DigestReply {
  /** Plain text: logs, the CLI, notification fallbacks. */
  text: string;
  /** Slack mrkdwn, safe to send as a message's text or a section. */
  mrkdwn: string;
  /** Teams message / Adaptive Card TextBlock markdown. */
  teamsMarkdown: string;
}

const ECHO_MAX = 60;

/** Tagged template: strings are escaped per format, numbers are printed, a nested DigestReply is inserted as is. */
export function reply(strings: TemplateStringsArray, ...values: Array<string | number | DigestReply>): DigestReply {
  const build = (format: keyof DigestReply, escapeFor: (s: string) => string): string =>
    strings.reduce((out, literal, i) => {
      if (i === 0) return literal;
      const value = values[i - 1];
      let inserted: string;
      if (typeof value === 'number') inserted = String(value);
      else if (typeof value === 'object') inserted = value[format];
      else inserted = escapeFor(truncate(value ?? '', ECHO_MAX));
      return out + inserted + literal;
    }, '');
  return {
    text: build('text', (s) => s),
    mrkdwn: build('mrkdwn', escapeMrkdwn),
    teamsMarkdown: build('teamsMarkdown', escapeAdaptiveText),
  };
}

/** Joins replies line by line. */
export function joinReplies(...parts: DigestReply[]): DigestReply {
  return {
    text: parts.map((p) => p.text).join('\n'),
    mrkdwn: parts.map((p) => p.mrkdwn).join('\n'),
    teamsMarkdown: parts.map((p) => p.teamsMarkdown).join('\n\n'),
  };
}
