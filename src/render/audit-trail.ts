import type { ReviewRecord } from '../app/review-record.js';
import { MODEL_LABELS } from '../core/models.js';
import { cleanInline } from './escape.js';
import { wrapLine } from './plain-text.js';

interface AuditEvent {
  at: string;
  actor: string;
  text: string;
}

const ACTIONS = { answer: 'answered', change: 'changed', skip: 'skipped', clear: 'cleared' } as const;

/**
 * Who did what and when, oldest first, for the terminal (`reviews show`): the start, people added, every answer and
 * change, the recommendation, decisions and sign-offs. User text is cleaned of control characters.
 */
export function auditTrail(record: ReviewRecord): string {
  const name = (id: string) => cleanInline(record.people[id] ?? id) || id;
  const events: AuditEvent[] = [{ at: record.createdAt, actor: record.requesterId, text: `started the review of ${record.name}` }];
  for (const p of record.participants) {
    if (p.role !== 'requester') events.push({ at: p.addedAt, actor: p.addedBy, text: `added ${name(p.userId)}` });
  }
  const changes = record.answers.flatMap((answer) =>
    answer.history.map((h) => ({
      at: h.at,
      actor: h.actor,
      text:
        h.action === 'skip' || h.action === 'clear'
          ? `${ACTIONS[h.action]} "${answer.question}"`
          : `${ACTIONS[h.action]} "${answer.question}": ${h.label}`,
    })),
  );
  events.push(...changes);
  if (record.recommendation) {
    const { result, createdAt } = record.recommendation;
    events.push({
      at: createdAt,
      actor: 'compute-advice',
      text: `recommended ${MODEL_LABELS[result.recommended]} (rules ${result.rulesVersion})`,
    });
  }
  for (const d of record.decisions) {
    const note = d.note ? `, note: ${d.note}` : '';
    events.push({
      at: d.at,
      actor: d.decidedBy,
      text: `recorded the decision ${MODEL_LABELS[d.model]}${d.againstAdvice ? ' (against the advice)' : ''}${note}`,
    });
  }
  for (const s of record.signOffs) {
    events.push({
      at: s.at,
      actor: s.approverId,
      text: `${s.action === 'approved' ? 'approved' : 'requested changes'}${s.note ? `: ${s.note}` : ''}`,
    });
  }
  // Stable: events at the same millisecond keep the order they were listed in.
  events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const lines = events.flatMap((e) => wrapLine(`${name(e.actor)} ${e.text}`, `  ${e.at.slice(0, 16).replace('T', ' ')}  `, ' '.repeat(20)));
  return `${lines.join('\n')}\n`;
}
