import type { App, BlockElementAction, ButtonAction, StaticSelectAction } from '@slack/bolt';
import type { Intent } from '../../conversation/index.js';
import { SLACK_ACTION_IDS, SLACK_ANSWER_ACTION_PATTERN } from '../../render/action-ids.js';
import { decodeActionValue } from '../../render/action-value.js';
import type { SlackDeps } from '../slack-deps.js';
import { runTurn } from '../slack-turn.js';
import { actionContext } from './action-context.js';
import { onBlockAction } from './on-block-action.js';

type Selected = { value?: string };

/** The answer text an element carries: a choice value, several joined with commas, or "none". */
export function answerTextOf(action: BlockElementAction): { reviewId: string; questionId?: string; text: string } | null {
  const a = action as { value?: string; selected_option?: Selected | null; selected_options?: Selected[] };
  const raws = a.selected_options ? a.selected_options.map((o) => o.value) : [a.selected_option?.value ?? a.value];
  const values = raws.map((raw) => decodeActionValue(raw));
  const first = values[0];
  if (!first || values.some((v) => v === null || v.r !== first.r || v.q !== first.q)) return null;
  const parts = values.flatMap((v) => (Array.isArray(v!.v) ? v!.v : v!.v === undefined ? [] : [v!.v]));
  const text = parts.length === 0 ? 'none' : parts.join(', ');
  return { reviewId: first.r, ...(first.q ? { questionId: first.q } : {}), text };
}

/** The intent a click on a review's message carries; null for a value that is not ours (or a cleared multi-select). */
function intentOf(action: BlockElementAction, clicked: string | undefined): Intent | null {
  const at = clicked ? { clicked } : {};
  if (SLACK_ANSWER_ACTION_PATTERN.test(action.action_id)) {
    const selected = (action as { selected_options?: unknown[] }).selected_options;
    if (action.type === 'multi_static_select' && (!selected || selected.length === 0)) return null; // all cleared: wait for a choice
    const answer = answerTextOf(action);
    return answer && { kind: 'answer', addressed: true, ...answer, ...at };
  }
  const raw = (action as ButtonAction).value ?? (action as StaticSelectAction).selected_option?.value;
  const value = decodeActionValue(raw);
  if (!value) return null;
  switch (action.action_id) {
    case SLACK_ACTION_IDS.skip:
    case SLACK_ACTION_IDS.back:
      return {
        kind: action.action_id === SLACK_ACTION_IDS.skip ? 'skip' : 'back',
        reviewId: value.r,
        ...(value.q ? { questionId: value.q } : {}),
        ...at,
      };
    case SLACK_ACTION_IDS.changeAnswer:
      return value.q ? { kind: 'change', reviewId: value.r, questionId: value.q } : null;
    case SLACK_ACTION_IDS.recordDecision:
      return value.m
        ? { kind: 'decide', reviewId: value.r, model: value.m, ...(value.n !== undefined ? { recommendationId: value.n } : {}) }
        : null;
    case SLACK_ACTION_IDS.share:
      return { kind: 'share', reviewId: value.r };
    case SLACK_ACTION_IDS.exportAdr:
      return { kind: 'export', reviewId: value.r };
    default:
      return null;
  }
}

const REVIEW_ACTIONS = new RegExp(
  `${SLACK_ANSWER_ACTION_PATTERN.source}|^(${[SLACK_ACTION_IDS.skip, SLACK_ACTION_IDS.back, SLACK_ACTION_IDS.changeAnswer, SLACK_ACTION_IDS.recordDecision, SLACK_ACTION_IDS.share, SLACK_ACTION_IDS.exportAdr].join('|')})$`,
);

/** Every button and select on a review's messages: answers, Skip, Back, change an answer, record the decision, share, export. */
export function registerReviewActions(app: App, deps: SlackDeps): void {
  onBlockAction<BlockElementAction>(app, REVIEW_ACTIONS, async ({ body, action, client, respond }) => {
    const ctx = actionContext(body, action, respond);
    const intent = intentOf(action, ctx.messageTs);
    if (!intent) {
      deps.logger.warn({ actionId: action.action_id, channel: ctx.channel }, 'review action with an unreadable value');
      return;
    }
    await runTurn(deps, client, intent, {
      workspaceId: ctx.workspaceId,
      channel: ctx.channel,
      threadTs: ctx.threadTs,
      audience: ctx.audience,
      clickedTs: ctx.messageTs,
      dedupeKey: ctx.dedupeKey,
    });
  });
}
