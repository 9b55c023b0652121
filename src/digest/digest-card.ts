import { MAX_NAME_LENGTH } from '../core/profile.js';
import { newCard, textBlock as text, type AcElement, type AcTextBlock, type AdaptiveCard } from '../render/adaptive-card-types.js';
import { escapeAdaptiveText, truncate } from '../render/escape.js';
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
import type { DigestDecisionItem, DigestReviewItem, DigestView } from './digest-view.js';

const NAME_MAX = MAX_NAME_LENGTH;
const NOTE_MAX = 200;
const MAX_ITEMS = 10;

const t = (s: string, max = NAME_MAX) => escapeAdaptiveText(truncate(s, max));

function heading(title: string): AcTextBlock {
  return text(title, { weight: 'bolder', spacing: 'medium', style: 'heading' });
}

function name(item: { workloadName: string; link: string | null }): string {
  const escaped = t(item.workloadName) || 'unnamed';
  // escapeAdaptiveText escapes [ ] ( ), so a name cannot break out of the link; links are built from checked ids
  return item.link ? `[${escaped}](${item.link})` : `**${escaped}**`;
}

function completedLine(item: DigestReviewItem): string {
  return `• ${name(item)}${item.recommended ? ` → ${t(item.recommended.label)}` : ''}`;
}

/** A decision against the advice (⚠️, "the advice was"), or other than recommended (•, "recommended was"). */
function decisionLine(item: DigestDecisionItem, marker = '⚠️', recLead = 'the advice was'): string {
  const verdict = item.chosenVerdict ? `, rated ${t(item.chosenVerdict)}` : '';
  const rec = item.recommended ? `; ${recLead} ${t(item.recommended.label)}` : '';
  const note = item.note ? `. Note: “${t(item.note, NOTE_MAX)}”` : '';
  return `${marker} ${name(item)}: chose ${t(item.chosen.label)}${verdict}${rec}${note}`;
}

function list<T>(title: string, total: number, items: T[], line: (item: T) => string, style?: 'warning' | 'good'): AcElement {
  const shown = items.slice(0, MAX_ITEMS);
  const more = andMore(total, shown.length);
  return {
    type: 'Container',
    separator: true,
    spacing: 'medium',
    ...(style ? { style } : {}),
    items: [
      heading(`${title} (${total})`),
      ...shown.map((i) => text(line(i), { spacing: 'small' })),
      ...(more ? [text(more, { isSubtle: true, spacing: 'small' })] : []),
    ],
  };
}

/** Sign-off: who is still to act, approvals that stand, decisions for another model than recommended. */
function signOffLists(view: DigestView): AcElement[] {
  const { pending, approved, decidedOtherwise } = view.signOff;
  const lists: AcElement[] = [];
  if (pending.total > 0) {
    lists.push(
      list(
        SECTION_TITLES.pendingSignOff,
        pending.total,
        pending.items,
        (i) => `• ${name(i)}: ${pendingSignOffText(i.pendingApprovers, i.waitingDays)}`,
      ),
    );
  }
  // Teams approver ids are not names: the review is what matters here
  if (approved.total > 0)
    lists.push(list(SECTION_TITLES.approved, approved.total, approved.items, (i) => `• ${name(i)}: approved`, 'good'));
  if (decidedOtherwise.total > 0) {
    lists.push(
      list(SECTION_TITLES.decidedOtherwise, decidedOtherwise.total, decidedOtherwise.items, (i) => decisionLine(i, '•', 'recommended was')),
    );
  }
  return lists;
}

/** The digest as an Adaptive Card 1.5 for Teams; all user text escaped, lists capped with "…and N more". */
export function renderDigestCard(view: DigestView): AdaptiveCard {
  const body: AcElement[] = [
    text(escapeAdaptiveText(view.title), { size: 'large', weight: 'bolder', style: 'heading' }),
    text(`${escapeAdaptiveText(view.scopeLabel)} · ${escapeAdaptiveText(view.period.label)} · ${view.weekKey}`, {
      isSubtle: true,
      spacing: 'small',
    }),
  ];
  if (view.isQuiet) {
    body.push(text(QUIET_WEEK));
  } else {
    body.push(heading(SECTION_TITLES.summary));
    body.push({ type: 'FactSet', facts: summaryFacts(view) /* our words and numbers only */ });
    if (view.models.length > 0) {
      body.push(heading(SECTION_TITLES.models));
      body.push({
        type: 'FactSet',
        facts: view.models.map((m) => ({ title: t(m.label), value: `${m.count} (${m.percent}%; ${signed(m.count - m.previous)})` })),
      });
    }
    if (view.completed.total > 0) body.push(list(SECTION_TITLES.completed, view.completed.total, view.completed.items, completedLine));
    if (view.againstAdvice.total > 0) {
      body.push(list(SECTION_TITLES.againstAdvice, view.againstAdvice.total, view.againstAdvice.items, (i) => decisionLine(i), 'warning'));
    }
    if (view.stalled.total > 0) {
      body.push(
        list(
          `${SECTION_TITLES.stalled}, idle ${view.stalledAfterHours} h or more`,
          view.stalled.total,
          view.stalled.items,
          (i) => `• ${name(i)}, ${idleText(i.idleDays)}`,
        ),
      );
    }
    body.push(...signOffLists(view));
  }
  body.push(
    text(`${escapeAdaptiveText(footerLead(view))} · "digest off" stops this digest, "digest preview" shows the week so far`, {
      isSubtle: true,
      size: 'small',
      separator: true,
    }),
  );
  return newCard(body, { fallbackText: digestHeadline(view), msteams: { width: 'Full' } });
}
