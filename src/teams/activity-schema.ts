import { z } from 'zod';
import { formatIssues } from '../core/format-issues.js';
import { boundInboundText } from '../conversation/index.js';

/**
 * The activity fields the bot and botbuilder read, checked at the edge: a body that lacks them is refused with 400 and
 * one line naming the field, instead of failing inside the SDK with a 500. Other fields pass through untouched.
 */
const Id = z.string().min(1).max(1024);
// display names are escaped and cut where they are shown; only ids are bounded here
const Account = z.looseObject({ id: Id, name: z.string().optional(), aadObjectId: z.string().max(256).optional() });

const ActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(1024).optional(),
  serviceUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2048),
  channelId: z.string().min(1).max(64),
  from: Account,
  recipient: Account,
  conversation: z.looseObject({
    id: Id,
    conversationType: z.string().max(64).optional(),
    tenantId: z.string().max(256).optional(),
  }),
  text: z.string().transform(boundInboundText).optional(),
  replyToId: z.string().max(1024).optional(),
  channelData: z.looseObject({}).optional(),
  entities: z
    .array(z.looseObject({ type: z.string().max(64) }))
    .max(100)
    .optional(),
  membersAdded: z.array(Account).max(1000).optional(),
});

export type CheckedActivity = z.infer<typeof ActivitySchema>;

export type ActivityCheck = { ok: true; activity: CheckedActivity } | { ok: false; message: string };

/** The activity, with its text cut to the inbound bound; or one line naming what is wrong. */
export function checkActivity(body: Record<string, unknown>): ActivityCheck {
  const parsed = ActivitySchema.safeParse(body, { reportInput: true });
  if (parsed.success) return { ok: true, activity: parsed.data };
  return { ok: false, message: `not a valid activity: ${formatIssues(parsed.error).slice(0, 3).join('; ')}` };
}
