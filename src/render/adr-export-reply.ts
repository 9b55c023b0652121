import type { AdrExportReply } from '../conversation/renderer.js';
import { newCard, type AdaptiveCard } from './adaptive-card-types.js';
import { fallbackText, sectionBlock, type KnownBlock } from './block-kit-parts.js';
import { escapeAdaptiveText, escapeMrkdwn } from './escape.js';

/** "2026-12-14 09:30 UTC": when an ADR link stops working, in one zone for everyone. */
function utcMinute(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * The sentences of an "Export ADR" reply: a title, the line under the link (or why there is none), and what happened
 * to the file. The renderers draw the link itself.
 */
function adrExportTexts(reply: AdrExportReply): { title: string; linkLabel: string; lines: string[] } {
  const lines: string[] = [];
  if (reply.link) {
    lines.push(
      `The link needs no sign-in and works until ${utcMinute(reply.link.expiresAt)}: anyone you pass it to can read the record, so share it with care.`,
    );
  } else {
    lines.push("I can't give you a link: the bot's public address (PUBLIC_URL) is not configured. Ask whoever runs the bot to set it.");
  }
  if (reply.upload === 'uploaded') lines.push("I've also attached the record to the review's thread as a Markdown file.");
  if (reply.upload === 'no_scope')
    lines.push('To have it attached in the thread as a file too, a workspace admin adds the files:write scope to the app.');
  if (reply.upload === 'failed') lines.push("I couldn't attach it to the thread as a file this time.");
  return { title: `Decision record (ADR) for ${reply.workloadName}`, linkLabel: 'Open the ADR (Markdown)', lines };
}

/** The reply to "Export ADR" as Slack blocks: the link as a link, then what it is and what became of the file. */
export function adrExportBlocks(reply: AdrExportReply): { text: string; blocks: KnownBlock[] } {
  const { title, linkLabel, lines } = adrExportTexts(reply);
  const head = `*${escapeMrkdwn(title)}*`;
  // a URL inside <…|…> needs only & < > escaped; ours has no < or >
  const link = reply.link ? `\n<${reply.link.url.replace(/&/g, '&amp;')}|${escapeMrkdwn(linkLabel)}>` : '';
  return {
    text: fallbackText(escapeMrkdwn(title)),
    blocks: [sectionBlock(`${head}${link}\n${lines.map(escapeMrkdwn).join('\n')}`)],
  };
}

/** The reply to "Export ADR" as an Adaptive Card: the link as an Open button. */
export function adrExportCard(reply: AdrExportReply): AdaptiveCard {
  const { title, linkLabel, lines } = adrExportTexts(reply);
  return newCard(
    [
      { type: 'TextBlock', text: escapeAdaptiveText(title), weight: 'bolder', wrap: true },
      ...lines.map((line) => ({ type: 'TextBlock' as const, text: escapeAdaptiveText(line), wrap: true })),
    ],
    {
      fallbackText: escapeAdaptiveText(title),
      ...(reply.link ? { actions: [{ type: 'Action.OpenUrl' as const, title: linkLabel, url: reply.link.url }] } : {}),
    },
  );
}
