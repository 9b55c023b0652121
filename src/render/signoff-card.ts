import { MAX_SIGNOFF_NOTE_LENGTH } from '../app/signoff-service.js';
import type { SignOffAsk } from '../conversation/renderer.js';
import type { SignOffAction } from '../storage/index.js';
import {
  type AcElement,
  type AcExecuteAction,
  type AcMentionEntity,
  type AdaptiveCard,
  newCard,
  textBlock as text,
} from './adaptive-card-types.js';
import { adaptivePlainText, escapeAdaptiveText, truncate } from './escape.js';
import { TEAMS_SIGNOFF_NOTE_INPUT, TEAMS_SIGNOFF_VERBS } from './signoff-action-ids.js';
import { type SignOffView, signOffLines } from './signoff-view.js';

/**
 * Sign-off as Adaptive Cards (1.5). The ask is a Universal Actions card: everyone sees where the sign-off stands, and
 * the named approvers' clients run its `refresh` to fetch a view of their own with Approve and Request changes.
 * Whatever a client shows, the server checks who acts.
 */

/** Teams runs a card's automatic refresh for at most this many users. */
const MAX_REFRESH_USERS = 60;

type Approver = SignOffView['approvers'][number];

const nameOf = (a: { id: string; name?: string | undefined }) => escapeAdaptiveText(a.name ?? 'someone');

function lines(view: SignOffView): string[] {
  return signOffLines(view, nameOf, (note) => `"${escapeAdaptiveText(truncate(note, MAX_SIGNOFF_NOTE_LENGTH))}"`);
}

/** The end of the recommendation card: where the sign-off stands, or how to ask for it. */
export function signOffCardElements(view: SignOffView | undefined, askHint: string): AcElement[] {
  const state = view ? lines(view) : [];
  const items: AcElement[] =
    state.length > 0
      ? [
          text(state[0] as string, { weight: 'bolder', color: view?.state === 'approved' ? 'good' : 'default' }),
          ...state.slice(1).map((line) => text(line, { spacing: 'small' })),
        ]
      : [text(escapeAdaptiveText(askHint), { isSubtle: true, size: 'small' })];
  return [{ type: 'Container', id: 'signoff', separator: true, spacing: 'medium', items }];
}

/** The data every sign-off action carries: which review, and which recommendation the approver is shown. */
function actionData(review: { id: string }, recommendationId: number): Record<string, unknown> {
  return { reviewId: review.id, recommendationId };
}

/**
 * The ask in the thread. `forApprover`: the view an approver's refresh returns, with the buttons and the note input.
 * The mentions notify the approvers; `userIds` makes their clients fetch their own view.
 */
export function signOffAskCard(
  review: { id: string; workloadName: string },
  ask: Pick<SignOffAsk, 'approvers' | 'requestedBy' | 'recommendationId' | 'again' | 'view'>,
  forApprover = false,
): AdaptiveCard {
  const entities: AcMentionEntity[] = ask.approvers.map((a) => {
    const mention = `<at>${nameOf(a)}</at>`;
    return { type: 'mention', text: mention, mentioned: { id: a.id, name: a.name ?? 'someone' } };
  });
  const who = entities.map((e) => e.text).join(', ');
  const what = `the recommendation for ${escapeAdaptiveText(review.workloadName)}`;
  const lead = ask.again
    ? `${who}: an answer changed, so earlier approvals lapsed. Please sign off ${what} again.`
    : `${who}: ${nameOf(ask.requestedBy)} asks you to sign off ${what}.`;
  const data = actionData(review, ask.recommendationId);
  const body: AcElement[] = [
    text(`Sign-off: ${escapeAdaptiveText(review.workloadName)}`, { weight: 'bolder', style: 'heading' }),
    text(lead, { spacing: 'small' }),
    ...lines(ask.view).map((line, i) => text(line, { spacing: 'small', ...(i === 0 ? { weight: 'bolder' as const } : {}) })),
  ];
  if (forApprover) body.push(...approverInputs(data));
  else body.push(text('Only the people asked can approve or request changes.', { isSubtle: true, size: 'small' }));
  const refresh: AcExecuteAction = { type: 'Action.Execute', verb: TEAMS_SIGNOFF_VERBS.view, data };
  return newCard(body, {
    refresh: { action: refresh, userIds: ask.approvers.map((a) => a.id).slice(0, MAX_REFRESH_USERS) },
    fallbackText: adaptivePlainText(`Sign-off requested: ${review.workloadName}`, 300),
    ...(entities.length > 0 ? { msteams: { entities } } : {}),
  });
}

function approverInputs(data: Record<string, unknown>): AcElement[] {
  return [
    {
      type: 'ActionSet',
      spacing: 'medium',
      actions: [
        { type: 'Action.Execute', title: 'Approve', verb: TEAMS_SIGNOFF_VERBS.approve, data, style: 'positive', associatedInputs: 'none' },
      ],
    },
    {
      type: 'Input.Text',
      id: TEAMS_SIGNOFF_NOTE_INPUT,
      label: 'What should change?',
      placeholder: 'Required to request changes',
      isMultiline: true,
      maxLength: MAX_SIGNOFF_NOTE_LENGTH,
      spacing: 'medium',
    },
    {
      type: 'ActionSet',
      actions: [{ type: 'Action.Execute', title: 'Request changes', verb: TEAMS_SIGNOFF_VERBS.requestChanges, data, style: 'destructive' }],
    },
  ];
}

/** An approval or request for changes, for everyone in the thread. */
export function signOffRecordedCard(
  approver: Pick<Approver, 'id' | 'name'>,
  action: SignOffAction,
  note: string | null,
  view: SignOffView,
): AdaptiveCard {
  const what =
    action === 'approved'
      ? `${nameOf(approver)} approved the recommendation.`
      : `${nameOf(approver)} requested changes: "${escapeAdaptiveText(truncate(note ?? '', MAX_SIGNOFF_NOTE_LENGTH))}"`;
  return newCard([text(what), ...lines(view).map((line) => text(line, { spacing: 'small', isSubtle: true }))], {
    fallbackText: adaptivePlainText(action === 'approved' ? 'Approved' : 'Changes requested', 300),
  });
}
