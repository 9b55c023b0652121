import { z } from 'zod';
import { boundInboundText } from '../conversation/index.js';
import { formatIssues } from '../core/format-issues.js';

/**
 * What of a Slack request is kept in the inbox: the fields Bolt and our listeners read, checked, with message text
 * cut to the inbound bound. Everything else a payload carries (rich-text blocks that copy the text, the message a
 * button sat on, view state, the legacy verification token) is dropped before anything is stored or queued.
 */

const Id = z.string().min(1).max(255);
const Ts = z.string().max(64);
const Text = z.string().transform(boundInboundText);

const EventEnvelope = z.object({
  type: z.literal('event_callback'),
  team_id: Id.optional(),
  enterprise_id: Id.nullable().optional(),
  api_app_id: Id.optional(),
  event_id: Id.optional(),
  event_time: z.number().optional(),
  // Bolt reads the installation's team and enterprise from here
  authorizations: z
    .array(
      z.object({
        team_id: Id.nullable().optional(),
        enterprise_id: Id.nullable().optional(),
        user_id: Id.optional(),
        is_bot: z.boolean().optional(),
        is_enterprise_install: z.boolean().optional(),
      }),
    )
    .max(5)
    .optional(),
  is_ext_shared_channel: z.boolean().optional(),
  event: z.object({
    type: Id,
    subtype: Id.optional(),
    user: Id.optional(),
    // other bots' messages are ignored: only their presence matters
    bot_id: Id.optional(),
    bot_profile: z
      .unknown()
      .transform(() => ({}))
      .optional(),
    app_id: Id.optional(),
    text: Text.optional(),
    ts: Ts.optional(),
    thread_ts: Ts.optional(),
    event_ts: Ts.optional(),
    channel: Id.optional(),
    channel_type: Id.optional(),
    team: Id.optional(),
    tab: Id.optional(),
  }),
});

const SlashCommand = z.object({
  team_id: Id,
  team_domain: z.string().max(255).optional(),
  enterprise_id: Id.optional(),
  channel_id: Id,
  channel_name: z.string().max(255).optional(),
  user_id: Id,
  user_name: z.string().max(255).optional(),
  command: Id,
  text: Text,
  api_app_id: Id.optional(),
  is_enterprise_install: z.string().max(8).optional(),
  response_url: z.url().max(2048),
  trigger_id: Id,
});

const Option = z.object({ value: z.string().max(4000).optional() });

/** Who clicked or submitted, and in which installation: the same on every interaction payload. */
const Interaction = {
  user: z.object({ id: Id, team_id: Id.optional(), name: z.string().max(255).optional() }),
  team: z.object({ id: Id }).nullable().optional(),
  enterprise: z.object({ id: Id }).nullable().optional(),
  is_enterprise_install: z.boolean().optional(),
  api_app_id: Id.optional(),
};

const BlockActions = z.object({
  type: z.literal('block_actions'),
  ...Interaction,
  container: z
    .object({
      type: Id.optional(),
      message_ts: Ts.optional(),
      channel_id: Id.optional(),
      thread_ts: Ts.optional(),
      is_ephemeral: z.boolean().optional(),
    })
    .optional(),
  trigger_id: Id.optional(),
  channel: z.object({ id: Id, name: z.string().max(255).optional() }).optional(),
  message: z.object({ type: Id.optional(), ts: Ts.optional(), thread_ts: Ts.optional() }).optional(),
  response_url: z.url().max(2048).optional(),
  actions: z
    .array(
      z.object({
        type: Id,
        action_id: Id,
        block_id: Id.optional(),
        action_ts: Ts.optional(),
        value: z.string().max(4000).optional(),
        selected_option: Option.nullable().optional(),
        selected_options: z.array(Option).max(100).optional(),
      }),
    )
    .min(1)
    .max(5),
});

/** A submitted modal: only its id, callback, metadata and the typed values are kept. */
const ViewSubmission = z.object({
  type: z.literal('view_submission'),
  ...Interaction,
  trigger_id: Id.optional(),
  view: z.object({
    id: Id,
    type: z.literal('modal'),
    callback_id: Id,
    private_metadata: z.string().max(3000).optional(),
    hash: z.string().max(255).optional(),
    state: z.object({
      values: z.record(
        Id,
        z.record(
          Id,
          z.object({
            type: Id,
            value: z.string().max(3000).nullable().optional(),
            selected_users: z.array(Id).max(100).optional(),
          }),
        ),
      ),
    }),
  }),
});

const SlackRequest = z.union([EventEnvelope, SlashCommand, BlockActions, ViewSubmission]);

export type InboxBodyCheck = { ok: true; body: Record<string, unknown> } | { ok: false; problem: string };

/** The part of a Slack request to store, or why it is not one we handle. */
export function slackInboxBody(body: unknown): InboxBodyCheck {
  const parsed = SlackRequest.safeParse(body, { reportInput: true });
  if (parsed.success) return { ok: true, body: parsed.data as Record<string, unknown> };
  return { ok: false, problem: formatIssues(parsed.error).slice(0, 3).join('; ') };
}
