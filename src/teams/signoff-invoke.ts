import { z } from 'zod';
import type { AppServices } from '../app/services.js';
import type { Conversation, Intent, Outbox } from '../conversation/index.js';
import { formatIssues } from '../core/format-issues.js';
import type { Logger } from '../logger.js';
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard } from '../render/adaptive-card-types.js';
import { TEAMS_SIGNOFF_NOTE_INPUT, TEAMS_SIGNOFF_VERBS } from '../render/signoff-action-ids.js';
import { signOffAskCard } from '../render/signoff-card.js';
import { toSignOffView } from '../render/signoff-view.js';
import type { OutgoingMessage, TeamsInbound } from './teams-message.js';
import { teamsActor, teamsTurn } from './teams-turn.js';

/**
 * Universal Actions on a sign-off card (`adaptiveCard/action` invokes): the refresh an approver's client runs to fetch
 * their own view, Approve, and Request changes. The answer is the invoke response: the card this person sees next, or
 * a short message just for them (a refusal). Who may act is the conversation's check, whatever the client showed.
 */

const INVOKE_MESSAGE_TYPE = 'application/vnd.microsoft.activity.message';

const InvokeAction = z.object({
  type: z.literal('Action.Execute'),
  verb: z.enum([TEAMS_SIGNOFF_VERBS.view, TEAMS_SIGNOFF_VERBS.approve, TEAMS_SIGNOFF_VERBS.requestChanges]),
  data: z.looseObject({
    reviewId: z.string().min(1).max(200),
    recommendationId: z.number().int().positive().optional(),
    [TEAMS_SIGNOFF_NOTE_INPUT]: z.string().max(4000).optional(),
  }),
});

/** The invoke response botbuilder sends back (its InvokeResponse, without the SDK type). */
interface InvokeResponse {
  statusCode: number;
  type: string;
  value: Record<string, unknown>;
}

export interface SignOffInvokeDeps {
  conversation: Conversation<OutgoingMessage>;
  services: AppServices;
  logger: Logger;
}

function message(text: string): InvokeResponse {
  return { statusCode: 200, type: INVOKE_MESSAGE_TYPE, value: text as unknown as Record<string, unknown> };
}

function cardResponse(card: AdaptiveCard): InvokeResponse {
  return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card as unknown as Record<string, unknown> };
}

/** A notice card's text without the Markdown escapes: an invoke message is shown as plain text. */
function plainOf(told: OutgoingMessage): string {
  const first = told.card?.body[0];
  const text = told.text ?? (first && first.type === 'TextBlock' ? first.text : told.card?.fallbackText) ?? '';
  return text.replace(/\\(.)/g, '$1');
}

/** `action`: the invoke value's action; `thread`: the turn's outbox, posting in the card's reply chain. */
export async function handleSignOffInvoke(
  deps: SignOffInvokeDeps,
  inbound: TeamsInbound,
  thread: Outbox<OutgoingMessage>,
  action: unknown,
): Promise<InvokeResponse> {
  const parsed = InvokeAction.safeParse(action, { reportInput: true });
  if (!parsed.success) {
    const reason = formatIssues(parsed.error).slice(0, 2).join('; ');
    return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: reason } };
  }
  const { verb, data } = parsed.data;
  if (verb !== TEAMS_SIGNOFF_VERBS.view) {
    const shown = data.recommendationId !== undefined ? { recommendationId: data.recommendationId } : {};
    const intent: Intent =
      verb === TEAMS_SIGNOFF_VERBS.approve
        ? { kind: 'approve', reviewId: data.reviewId, ...shown }
        : { kind: 'request_changes', reviewId: data.reviewId, note: data[TEAMS_SIGNOFF_NOTE_INPUT] ?? '', ...shown };
    let told: OutgoingMessage | undefined;
    // what the conversation tells the person goes back to them alone, in the invoke response
    const out: Outbox<OutgoingMessage> = { ...thread, tellsPrivately: true, tell: async (m) => void (told ??= m) };
    await deps.conversation.handle(teamsTurn(inbound, intent), out);
    if (told) return message(plainOf(told));
  }
  const card = await viewFor(deps.services, data.reviewId, data.recommendationId, teamsActor(inbound));
  return card ? cardResponse(card) : message('I cannot find that review any more.');
}

/** The sign-off card as this person sees it now: with the buttons when they are an approver. */
async function viewFor(
  services: AppServices,
  reviewId: string,
  recommendationId: number | undefined,
  actor: { id: string; name?: string; aliases?: string[] },
): Promise<AdaptiveCard | undefined> {
  const review = await services.reviews.get(reviewId);
  const status = review && (await services.signOffs.status(review.id));
  if (!review || !status) return undefined;
  const approverId = await services.signOffs.approverIdOf(review.id, [actor.id, ...(actor.aliases ?? [])]);
  const names = approverId !== undefined && actor.name ? { [approverId]: actor.name } : {};
  const view = toSignOffView(status, names);
  const step = await services.reviews.step(review.id);
  const first = status.approvers[0];
  return signOffAskCard(
    review,
    {
      approvers: view.approvers.map((a) => ({ id: a.id, ...(a.name ? { name: a.name } : {}) })),
      requestedBy: { id: first?.requestedBy ?? '', ...(first?.requestedByName ? { name: first.requestedByName } : {}) },
      recommendationId: recommendationId ?? (step?.kind === 'completed' ? step.recommendationId : 0),
      again: false,
      view,
    },
    approverId !== undefined,
  );
}
