import type { App, BlockElementAction } from '@slack/bolt';
import { decodeActionValue } from '../../render/action-value.js';
import { SLACK_ACTION_IDS, SLACK_ANSWER_ACTION_PATTERN } from '../../render/action-ids.js';
import { handleActionResult, handleAnswerResult } from '../answer-outcome.js';
import { markQuestionAnswered } from '../review-thread.js';
import type { SlackDeps } from '../slack-deps.js';
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

/** Answer buttons, the select, the multi-select and "None of these"; then Skip and Back. */
export function registerAnswerActions(app: App, deps: SlackDeps): void {
  onBlockAction<BlockElementAction>(app, deps, SLACK_ANSWER_ACTION_PATTERN, async ({ body, action, client, respond }) => {
    const ctx = actionContext(body, action, respond);
    const selected = (action as { selected_options?: unknown[] }).selected_options;
    if (action.type === 'multi_static_select' && (!selected || selected.length === 0)) return; // all cleared: wait for a choice
    const answer = answerTextOf(action);
    if (!answer) {
      deps.logger.warn({ actionId: action.action_id, channel: ctx.channel }, 'answer action with an unreadable value');
      return;
    }
    const result = deps.services.reviews.answer(answer.reviewId, ctx.userId, {
      text: answer.text,
      ...(answer.questionId ? { questionId: answer.questionId } : {}),
      dedupeKey: ctx.dedupeKey,
    });
    await handleAnswerResult(deps, client, result, { ...ctx.audience, threadTs: threadOf(result) ?? ctx.threadTs }, { clickedTs: ctx.messageTs });
  });

  onBlockAction<BlockElementAction>(app, deps, SLACK_ACTION_IDS.skip, async ({ body, action, client, respond }) => {
    const ctx = actionContext(body, action, respond);
    const value = decodeActionValue((action as { value?: string }).value);
    if (!value) return;
    const question = value.q ? deps.services.reviews.script.questions.find((q) => q.id === value.q) : undefined;
    const result = deps.services.reviews.skip(value.r, ctx.userId, value.q, ctx.dedupeKey);
    await handleActionResult(deps, client, result, ctx.audience, async () => {
      if (result.kind === 'ok' && question) await markQuestionAnswered(deps, client, result.review, question, ctx.userId, { clickedTs: ctx.messageTs, respondToClick: ctx.audience.respond, label: 'Skipped' });
    });
  });

  onBlockAction<BlockElementAction>(app, deps, SLACK_ACTION_IDS.back, async ({ body, action, client, respond }) => {
    const ctx = actionContext(body, action, respond);
    const value = decodeActionValue((action as { value?: string }).value);
    if (!value) return;
    const question = value.q ? deps.services.reviews.script.questions.find((q) => q.id === value.q) : undefined;
    const result = deps.services.reviews.back(value.r, ctx.userId, value.q, ctx.dedupeKey);
    await handleActionResult(deps, client, result, ctx.audience, async () => {
      if (result.kind === 'ok' && question) await markQuestionAnswered(deps, client, result.review, question, ctx.userId, { clickedTs: ctx.messageTs, respondToClick: ctx.audience.respond, notice: '↩ Went back to the previous question.' });
    });
  });
}

function threadOf(result: { kind: string; review?: { threadRef: string | null } }): string | undefined {
  return result.review?.threadRef ?? undefined;
}
