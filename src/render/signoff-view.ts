import type { SignOffState } from '../app/review-record.js';
import type { SignOffStatus } from '../app/signoff-service.js';
import type { SignOffAction } from '../storage/index.js';

/** Where a review's sign-off stands, as the card and the thread show it. Plain, unescaped text: renderers escape it. */
export interface SignOffView {
  state: SignOffState;
  approvers: Array<{ id: string; name?: string; action: SignOffAction | null; note: string | null }>;
}

/**
 * `names`: display names the turn knows (a platform that sends names with mentions), newer than the stored ones;
 * without either, a person is shown by id.
 */
export function toSignOffView(status: SignOffStatus, names: Readonly<Record<string, string>> = {}): SignOffView {
  return {
    state: status.state,
    approvers: status.approvers.map((a) => {
      const name = names[a.approverId] ?? a.approverName;
      return { id: a.approverId, ...(name ? { name } : {}), action: a.current?.action ?? null, note: a.current?.note ?? null };
    }),
  };
}

/**
 * The sign-off state in words, one line per fact: who approved, who asked for changes (with the note), who is still
 * to act. `who` draws a person (a Slack mention, a Teams name); its output is inserted as is.
 */
export function signOffLines(
  view: SignOffView,
  who: (approver: SignOffView['approvers'][number]) => string,
  note: (text: string) => string,
): string[] {
  if (view.state === 'not_requested') return [];
  const approved = view.approvers.filter((a) => a.action === 'approved');
  const changes = view.approvers.filter((a) => a.action === 'changes_requested');
  const waiting = view.approvers.filter((a) => a.action === null);
  const headline =
    view.state === 'approved' ? 'Signed off' : view.state === 'changes_requested' ? 'Sign-off: changes requested' : 'Sign-off pending';
  const lines = [headline];
  if (approved.length > 0) lines.push(`Approved by ${approved.map(who).join(', ')}`);
  for (const a of changes) lines.push(`Changes requested by ${who(a)}${a.note ? `: ${note(a.note)}` : ''}`);
  if (waiting.length > 0) lines.push(`Waiting for ${waiting.map(who).join(', ')}`);
  return lines;
}
