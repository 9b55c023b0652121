/**
 * The ids the sign-off buttons, modals and card actions carry, shared by the renderers and the handlers that receive
 * them. They are part of messages already posted, so never rename one once shipped.
 */

export const SLACK_SIGNOFF_ACTION_IDS = {
  /** On the recommendation card: opens the approver picker. */
  request: 'ca_signoff_request',
  approve: 'ca_signoff_approve',
  /** Opens the note modal. */
  requestChanges: 'ca_signoff_changes',
} as const;

/** Slack modal callback ids and the ids of their inputs. */
export const SLACK_SIGNOFF_VIEWS = {
  request: { callbackId: 'ca_signoff_request_view', blockId: 'approvers', actionId: 'approvers' },
  requestChanges: { callbackId: 'ca_signoff_changes_view', blockId: 'note', actionId: 'note' },
} as const;

/** Teams Universal Action verbs (Action.Execute) and the note input on an approver's card. */
export const TEAMS_SIGNOFF_VERBS = {
  /** The refresh an approver's client runs to fetch their own view, with the buttons. */
  view: 'signoff_view',
  approve: 'signoff_approve',
  requestChanges: 'signoff_changes',
} as const;
export const TEAMS_SIGNOFF_NOTE_INPUT = 'signoffNote';
