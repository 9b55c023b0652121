import { z } from 'zod';
import type { Actor, Intent, Turn, TurnFacts } from '../conversation/index.js';
import { TEAMS_INPUT_IDS, TEAMS_SUBMIT_KINDS } from '../render/action-ids.js';
import { COMMAND_WORD, parseCommand } from './parse-command.js';
import type { TeamsInbound } from './teams-message.js';

/** The dedupe key of a Teams activity: a redelivered activity changes nothing. */
export function teamsDedupeKey(activityId: string): string {
  return `teams:${activityId}`;
}

const Id = z.string().min(1).max(200);

/** Action.Submit data: the kind of submit, the review and question it belongs to, and the card's inputs. */
const SubmitSchema = z.object({
  ca: z.enum(Object.values(TEAMS_SUBMIT_KINDS) as [string, ...string[]]),
  reviewId: Id,
  questionId: Id.optional(),
  [TEAMS_INPUT_IDS.value]: z.unknown().optional(),
  [TEAMS_INPUT_IDS.chosenModel]: z.string().optional(),
  recommendationId: z.number().int().positive().optional(),
});

/** A card input as answer text: multi-selects arrive comma-separated, "" (None of these) means none. */
function submittedText(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(',') || 'none';
  if (value === undefined || value === null) return '';
  const text = String(value);
  return text.trim() === '' ? 'none' : text;
}

/** What a Teams message asks for: an intent for the conversation, or a short reply the adapter sends itself. */
export type TeamsRequest = { kind: 'turn'; turn: Turn } | { kind: 'reply'; text: string };

function submitIntent(msg: TeamsInbound, value: Record<string, unknown>): Intent | string {
  const parsed = SubmitSchema.safeParse(value);
  if (!parsed.success) return 'That card is not one I recognise any more.';
  const { ca, reviewId, questionId } = parsed.data;
  const clicked = msg.replyToId;
  switch (ca) {
    case TEAMS_SUBMIT_KINDS.answer:
      return {
        kind: 'answer',
        reviewId,
        text: submittedText(parsed.data[TEAMS_INPUT_IDS.value]),
        addressed: true,
        ...(questionId ? { questionId } : {}),
        ...(clicked ? { clicked } : {}),
      };
    case TEAMS_SUBMIT_KINDS.skip:
    case TEAMS_SUBMIT_KINDS.back:
      return {
        kind: ca === TEAMS_SUBMIT_KINDS.skip ? 'skip' : 'back',
        reviewId,
        ...(questionId ? { questionId } : {}),
        ...(clicked ? { clicked } : {}),
      };
    case TEAMS_SUBMIT_KINDS.changeAnswer:
      // the card's "Change an answer" input is named questionId too: it holds the question picked
      return questionId ? { kind: 'change', reviewId, questionId } : 'Pick the question to change first.';
    case TEAMS_SUBMIT_KINDS.exportAdr:
      return { kind: 'export', reviewId };
    default: {
      const model = parsed.data[TEAMS_INPUT_IDS.chosenModel];
      const { recommendationId } = parsed.data;
      return model
        ? { kind: 'decide', reviewId, model, ...(recommendationId !== undefined ? { recommendationId } : {}) }
        : 'Pick what you went with first.';
    }
  }
}

function textIntent(msg: TeamsInbound): Intent | string {
  const command = parseCommand(msg.text);
  switch (command.kind) {
    case 'start':
      return { kind: 'start', workloadName: command.workloadName };
    case 'usage':
      return `Tell me what to review: ${COMMAND_WORD} <workload name>, e.g. ${COMMAND_WORD} payments-webhooks.`;
    case 'add':
      return { kind: 'add', people: msg.mentions };
    case 'signoff':
      return { kind: 'signoff', approvers: msg.mentions };
    case 'digest':
      return { kind: 'digest', text: command.text };
    case 'text':
      return { kind: 'answer', text: command.text, addressed: true };
    default:
      return { kind: command.kind };
  }
}

/** The person acting: their Teams id, name, and Entra object id (approvers may be named by either id). */
export function teamsActor(msg: Pick<TeamsInbound, 'fromId' | 'fromName' | 'fromAadObjectId'>): Actor {
  return { id: msg.fromId, name: msg.fromName, ...(msg.fromAadObjectId ? { aliases: [msg.fromAadObjectId] } : {}) };
}

/** An intent from a Teams activity as a turn: who acted, where, and the activity's dedupe key. */
export function teamsTurn(msg: TeamsInbound, intent: Intent, facts?: TurnFacts): Turn {
  return {
    intent,
    actor: teamsActor(msg),
    where: {
      platform: 'teams',
      workspaceId: msg.tenantId,
      channelId: msg.channelId,
      threadRef: msg.threadRef,
      directChat: msg.conversationType === 'personal',
      conversationRef: msg.conversationRef,
    },
    dedupeKey: teamsDedupeKey(msg.id),
    ...(facts ? { facts } : {}),
  };
}

/** One inbound Teams message as a turn of the conversation (or a reply to something that cannot be one). */
export function teamsRequest(msg: TeamsInbound, facts?: TurnFacts): TeamsRequest {
  const intent = msg.value && typeof msg.value.ca === 'string' ? submitIntent(msg, msg.value) : textIntent(msg);
  if (typeof intent === 'string') return { kind: 'reply', text: intent };
  return { kind: 'turn', turn: teamsTurn(msg, intent, facts) };
}
