import { SLACK_ACTION_IDS, TEAMS_SUBMIT_KINDS } from './action-ids.js';
import { encodeActionValue } from './action-value.js';
import type { AcElement } from './adaptive-card-types.js';
import { button, type ActionsBlockElement } from './block-kit-parts.js';

/** The recommendation card's "Export ADR" control, on its own so the card's other controls can change beside it. */
const EXPORT_ADR_TITLE = 'Export ADR';

export function exportAdrButton(reviewId: string): ActionsBlockElement {
  return button(SLACK_ACTION_IDS.exportAdr, EXPORT_ADR_TITLE, encodeActionValue({ r: reviewId }));
}

export function exportAdrActionSet(reviewId: string): AcElement {
  return {
    type: 'ActionSet',
    spacing: 'medium',
    actions: [{ type: 'Action.Submit', title: EXPORT_ADR_TITLE, data: { ca: TEAMS_SUBMIT_KINDS.exportAdr, reviewId } }],
  };
}
