import type { types as SlackTypes } from '@slack/bolt';
import { z } from 'zod';
import { MAX_APPROVERS, MAX_SIGNOFF_NOTE_LENGTH } from '../../app/signoff-service.js';
import { plainText } from '../../render/block-kit-parts.js';
import { SLACK_SIGNOFF_VIEWS } from '../../render/signoff-action-ids.js';

/**
 * The two sign-off modals: the approver picker behind "Request sign-off", and the note behind "Request changes".
 * Both carry where they were opened in `private_metadata`, so the submission reaches the review's thread.
 */

/** What a sign-off modal remembers between opening and submission. */
const Place = z.object({
  /** Review id. */
  r: z.string().min(1).max(200),
  /** The recommendation shown where the button was pressed. */
  n: z.number().int().positive().optional(),
  /** The channel and thread the button was in. */
  c: z.string().min(1).max(255),
  t: z.string().max(64).optional(),
});

type SignOffModalPlace = z.infer<typeof Place>;

function decodeModalPlace(raw: string | undefined): SignOffModalPlace | null {
  try {
    const parsed = Place.safeParse(JSON.parse(raw ?? ''));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A sign-off modal: where it was opened in `private_metadata`, and one input block. */
function modal(
  callbackId: string,
  place: SignOffModalPlace,
  title: string,
  submit: string,
  input: SlackTypes.InputBlock,
): SlackTypes.ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    private_metadata: JSON.stringify(place),
    title: plainText(title, 24),
    submit: plainText(submit, 24),
    close: plainText('Cancel', 24),
    blocks: [input],
  };
}

export function signOffRequestModal(place: SignOffModalPlace, workloadName: string): SlackTypes.ModalView {
  const ids = SLACK_SIGNOFF_VIEWS.request;
  return modal(ids.callbackId, place, 'Request sign-off', 'Ask them', {
    type: 'input',
    block_id: ids.blockId,
    label: plainText(`Who should sign off ${workloadName}?`, 2000),
    element: {
      type: 'multi_users_select',
      action_id: ids.actionId,
      placeholder: plainText('Pick the approvers', 150),
      max_selected_items: MAX_APPROVERS,
    },
  });
}

export function requestChangesModal(place: SignOffModalPlace): SlackTypes.ModalView {
  const ids = SLACK_SIGNOFF_VIEWS.requestChanges;
  return modal(ids.callbackId, place, 'Request changes', 'Send', {
    type: 'input',
    block_id: ids.blockId,
    label: plainText('What should change?', 2000),
    element: { type: 'plain_text_input', action_id: ids.actionId, multiline: true, max_length: MAX_SIGNOFF_NOTE_LENGTH },
  });
}

/** The state values of a submitted modal, as Slack sends them (`view.state.values[block_id][action_id]`). */
type StateValues = Record<string, Record<string, { value?: string | null; selected_users?: string[] }>>;

type SignOffSubmission =
  | { kind: 'request'; place: SignOffModalPlace; approverIds: string[] }
  | { kind: 'request_changes'; place: SignOffModalPlace; note: string };

/**
 * A submitted sign-off modal read and checked; `errors` (by block id, for `response_action: errors`) when a field is
 * wrong, so the person fixes it in the open modal and nothing is recorded. null: not a sign-off modal.
 */
export function readSignOffSubmission(
  view: { callback_id?: string; private_metadata?: string; state?: { values?: StateValues } } | undefined,
): SignOffSubmission | { errors: Record<string, string> } | null {
  const callbackId = view?.callback_id;
  const { request, requestChanges } = SLACK_SIGNOFF_VIEWS;
  if (callbackId !== request.callbackId && callbackId !== requestChanges.callbackId) return null;
  const place = decodeModalPlace(view?.private_metadata);
  const values = view?.state?.values ?? {};
  if (callbackId === request.callbackId) {
    const picked = values[request.blockId]?.[request.actionId]?.selected_users ?? [];
    if (!place) return { errors: { [request.blockId]: 'This form is out of date: press Request sign-off again.' } };
    if (picked.length === 0) return { errors: { [request.blockId]: 'Pick at least one approver.' } };
    if (picked.length > MAX_APPROVERS) return { errors: { [request.blockId]: `Pick at most ${MAX_APPROVERS} approvers.` } };
    return { kind: 'request', place, approverIds: picked };
  }
  const note = (values[requestChanges.blockId]?.[requestChanges.actionId]?.value ?? '').trim();
  if (!place) return { errors: { [requestChanges.blockId]: 'This form is out of date: press Request changes again.' } };
  if (note === '') return { errors: { [requestChanges.blockId]: 'Say what should change: a note is required.' } };
  if (note.length > MAX_SIGNOFF_NOTE_LENGTH)
    return { errors: { [requestChanges.blockId]: `A note is at most ${MAX_SIGNOFF_NOTE_LENGTH} characters.` } };
  return { kind: 'request_changes', place, note };
}
