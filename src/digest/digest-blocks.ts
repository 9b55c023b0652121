import { MAX_NAME_LENGTH } from '../core/profile.js';
import { escapeMrkdwn, truncate } from '../render/escape.js';
import {
  SLACK_LIMITS,
  contextBlock,
  fallbackText,
  headerBlock,
  mrkdwnText,
  sectionBlock,
  type KnownBlock,
} from '../render/block-kit-parts.js';
import {
  QUIET_WEEK,
  SECTION_TITLES,
  andMore,
  digestHeadline,
  footerLead,
  idleText,
  pendingSignOffText,
  signed,
  summaryFacts,
} from './digest-format.js';
import type { DigestApprovalItem, DigestDecisionItem, DigestPendingSignOffItem, DigestReviewItem, DigestView } from './digest-view.js';
import { isSlackChannelId, isSlackUserId } from '../render/slack-ids.js';

/** chat.postMessage arguments (without channel) for a digest. Unfurling is off: the digest echoes user text. */
export interface SlackDigestMessage {
  text: string;
  blocks: KnownBlock[];
  unfurl_links: false;
  unfurl_media: false;
}

const NAME_MAX = MAX_NAME_LENGTH;
const NOTE_MAX = 200;
/** Items per list whatever the view holds; the rest become "…and N more". */
const MAX_ITEMS = 10;
// leave room in a section for the "…and N more" line
const SECTION_BUDGET = SLACK_LIMITS.sectionText - 100;

function name(item: { workloadName: string; link: string | null }): string {
  const escaped = escapeMrkdwn(truncate(item.workloadName, NAME_MAX)) || 'unnamed';
  // the link text is escaped, so `|` or `>` in a name cannot end the link early or open another one
  return item.link ? `<${item.link}|${escaped}>` : `*${escaped}*`;
}

function where(view: DigestView, channelId: string): string {
  return view.scope === 'workspace' && view.platform === 'slack' && isSlackChannelId(channelId) ? ` in <#${channelId}>` : '';
}

function completedLine(view: DigestView, item: DigestReviewItem): string {
  const rec = item.recommended ? ` → ${escapeMrkdwn(item.recommended.label)}` : '';
  return `• ${name(item)}${rec}${where(view, item.channelId)}`;
}

/** A decision against the advice (`:warning:`, "the advice was"), or other than recommended (`•`, "recommended was"). */
function decisionLine(view: DigestView, item: DigestDecisionItem, marker = ':warning:', recLead = 'the advice was'): string {
  const verdict = item.chosenVerdict ? `, rated ${escapeMrkdwn(item.chosenVerdict)}` : '';
  const rec = item.recommended ? `; ${recLead} ${escapeMrkdwn(item.recommended.label)}` : '';
  const note = item.note ? `. Note: “${escapeMrkdwn(truncate(item.note, NOTE_MAX))}”` : '';
  return `${marker} ${name(item)}${where(view, item.channelId)}: chose ${escapeMrkdwn(item.chosen.label)}${verdict}${rec}${note}`;
}

function pendingLine(view: DigestView, item: DigestPendingSignOffItem): string {
  return `• ${name(item)}${where(view, item.channelId)}: ${pendingSignOffText(item.pendingApprovers, item.waitingDays)}`;
}

function approvalLine(view: DigestView, item: DigestApprovalItem): string {
  // approver ids come from Slack (U…); anything else is left out rather than echoed
  const by = isSlackUserId(item.approverId) ? ` by <@${item.approverId}>` : '';
  return `• ${name(item)}${where(view, item.channelId)}: approved${by}`;
}

function stalledLine(view: DigestView, item: DigestReviewItem): string {
  return `• ${name(item)}${where(view, item.channelId)}, ${idleText(item.idleDays)}`;
}

/** A titled list in one section, within the section limit; what does not fit is counted in "…and N more". */
function listSection<T>(title: string, total: number, items: T[], line: (item: T) => string): KnownBlock {
  const lines = [`*${title}* (${total})`];
  let used = lines[0]!.length;
  let shown = 0;
  for (const item of items.slice(0, MAX_ITEMS)) {
    const text = line(item);
    if (used + text.length + 1 > SECTION_BUDGET) break;
    lines.push(text);
    used += text.length + 1;
    shown += 1;
  }
  const more = andMore(total, shown);
  if (more) lines.push(more);
  return sectionBlock(lines.join('\n'));
}

/** Sign-off: who is still to act, approvals that stand, decisions for another model than recommended. */
function signOffSections(view: DigestView): KnownBlock[] {
  const { pending, approved, decidedOtherwise } = view.signOff;
  const blocks: KnownBlock[] = [];
  if (pending.total > 0) blocks.push(listSection(SECTION_TITLES.pendingSignOff, pending.total, pending.items, (i) => pendingLine(view, i)));
  if (approved.total > 0) blocks.push(listSection(SECTION_TITLES.approved, approved.total, approved.items, (i) => approvalLine(view, i)));
  if (decidedOtherwise.total > 0) {
    blocks.push(
      listSection(SECTION_TITLES.decidedOtherwise, decidedOtherwise.total, decidedOtherwise.items, (i) =>
        decisionLine(view, i, '•', 'recommended was'),
      ),
    );
  }
  return blocks;
}

/** The digest as a Slack message: at most 12 blocks, every section under 3,000 characters, all user text escaped. */
export function renderDigestBlocks(view: DigestView): SlackDigestMessage {
  const blocks: KnownBlock[] = [];
  blocks.push(headerBlock(view.title));
  blocks.push(contextBlock(`${escapeMrkdwn(view.scopeLabel)} · ${escapeMrkdwn(view.period.label)} · ${view.weekKey}`));

  if (view.isQuiet) {
    blocks.push(sectionBlock(QUIET_WEEK));
  } else {
    blocks.push({
      type: 'section',
      text: mrkdwnText(`*${SECTION_TITLES.summary}*`),
      fields: summaryFacts(view).map((f) => mrkdwnText(`*${f.title}*\n${f.value}`, 2000)),
    });
    if (view.models.length > 0) {
      const lines = view.models.map((m) => `• ${escapeMrkdwn(m.label)}: ${m.count} (${m.percent}%; ${signed(m.count - m.previous)})`);
      blocks.push(sectionBlock([`*${SECTION_TITLES.models}*`, ...lines].join('\n')));
    }
    if (view.completed.total > 0) {
      blocks.push({ type: 'divider' });
      blocks.push(listSection(SECTION_TITLES.completed, view.completed.total, view.completed.items, (i) => completedLine(view, i)));
    }
    if (view.againstAdvice.total > 0) {
      blocks.push(
        listSection(SECTION_TITLES.againstAdvice, view.againstAdvice.total, view.againstAdvice.items, (i) => decisionLine(view, i)),
      );
    }
    if (view.stalled.total > 0) {
      const title = `${SECTION_TITLES.stalled}, idle ${view.stalledAfterHours} h or more`;
      blocks.push(listSection(title, view.stalled.total, view.stalled.items, (i) => stalledLine(view, i)));
    }
    blocks.push(...signOffSections(view));
  }
  blocks.push(
    contextBlock(`${escapeMrkdwn(footerLead(view))} · \`digest off\` stops this digest, \`digest preview\` shows the week so far`),
  );
  return { text: fallbackText(escapeMrkdwn(digestHeadline(view))), blocks, unfurl_links: false, unfurl_media: false };
}
