import type { AdrExportReply } from '../conversation/renderer.js';
import { adrExportTexts } from '../conversation/texts.js';
import { newCard, type AdaptiveCard } from './adaptive-card-types.js';
import { fallbackText, sectionBlock, type KnownBlock } from './block-kit-parts.js';
import { escapeAdaptiveText, escapeMrkdwn } from './escape.js';

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
