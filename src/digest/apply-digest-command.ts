import type { Clock } from '../app/clock.js';
import type { DigestStore, DigestSubscription } from '../storage/digest-repository.js';
import type { Platform } from '../storage/review-repository.js';
import { buildDigest, DEFAULT_STALLED_AFTER_MS, scopeLabel } from './build-digest.js';
import { WEEKDAY_LABELS, type DigestCommand } from './digest-command.js';
import { reply, type DigestReply } from './digest-reply.js';
import type { DigestLens, DigestView } from './digest-view.js';
import { nextOccurrence } from './schedule.js';
import { formatZoned } from './zoned-time.js';

/** Where the command was typed. */
export interface DigestCommandPlace {
  platform: Platform;
  workspaceId: string;
  channelId: string;
  /** Teams: the ConversationReference of this conversation, needed to post the digest proactively. */
  conversationRef?: Record<string, unknown> | null;
  /** Who can see this conversation besides its members (Review.audience); none: a chat or private channel. */
  audience?: string | null;
}

export type DigestCommandResult =
  | { kind: 'reply'; reply: DigestReply; subscription?: DigestSubscription }
  /** Render `view` (renderDigestBlocks / renderDigestCard) and show it to the asker only where possible. */
  | { kind: 'preview'; reply: DigestReply; view: DigestView };

export interface DigestCommandOptions {
  /** An interview idle this long counts as stalled in a preview. Default 24 h. */
  stalledAfterMs?: number;
  /** The lenses the server applies, named in a preview as in the posted digest. */
  lenses?: readonly DigestLens[];
}

function describe(s: Pick<DigestSubscription, 'weekday' | 'time' | 'timeZone' | 'scope' | 'audience'>): DigestReply {
  const covering = scopeLabel(s.scope === 'workspace' ? s.audience : null).toLowerCase();
  return reply`every ${WEEKDAY_LABELS[s.weekday] ?? ''} at ${s.time} (${s.timeZone}), covering ${covering}`;
}

/** Refused: a workspace digest would show reviews from channels the people here cannot see. */
const WORKSPACE_DIGEST_NEEDS_AUDIENCE = reply`A workspace digest goes only to a channel the whole workspace or team can see (a public Slack channel, a standard Teams channel), and lists only reviews started in such channels. Run it there, or leave out \`workspace\` for this conversation's own digest.`;

/** True for the verbs that change what a channel gets: only admins may use them. */
export function changesDigest(command: DigestCommand): boolean {
  switch (command.kind) {
    case 'weekly':
    case 'off':
      return true;
    case 'preview':
    case 'status':
      return false;
  }
}

/**
 * A Teams channel reference with `;messageid=` in the conversation id points at a thread: the digest should start
 * its own thread in the channel, so the suffix is dropped.
 */
export function channelConversationRef(ref: Record<string, unknown>): Record<string, unknown> {
  const conversation = ref.conversation;
  if (typeof conversation !== 'object' || conversation === null) return ref;
  const id = (conversation as Record<string, unknown>).id;
  if (typeof id !== 'string' || !id.includes(';messageid=')) return ref;
  const { activityId: _drop, ...rest } = ref;
  return { ...rest, conversation: { ...(conversation as Record<string, unknown>), id: id.replace(/;messageid=.*$/, '') } };
}

/** Stores or removes the channel's subscription, or builds a preview. Returns what to reply. */
export async function applyDigestCommand(
  store: DigestStore,
  clock: Clock,
  place: DigestCommandPlace,
  actor: string,
  command: DigestCommand,
  options: DigestCommandOptions = {},
): Promise<DigestCommandResult> {
  const now = clock.now();
  const key = { platform: place.platform, workspaceId: place.workspaceId, channelId: place.channelId };
  switch (command.kind) {
    case 'weekly': {
      if (place.platform === 'teams' && !place.conversationRef) {
        return { kind: 'reply', reply: reply`I cannot post here on my own yet: mention me in this channel once more and try again.` };
      }
      if (command.scope === 'workspace' && !place.audience) return { kind: 'reply', reply: WORKSPACE_DIGEST_NEEDS_AUDIENCE };
      const schedule = {
        weekday: command.weekday,
        time: command.time,
        timeZone: command.timeZone,
        scope: command.scope,
        conversationRef: place.conversationRef ? channelConversationRef(place.conversationRef) : null,
        audience: place.audience ?? null,
      };
      const { outcome, subscription } = await store.subscriptions.subscribe(key, schedule, actor, now);
      const next = formatZoned(nextOccurrence(subscription, now), subscription.timeZone);
      const verb =
        outcome === 'created' ? 'Weekly digest on' : outcome === 'updated' ? 'Weekly digest changed' : 'Weekly digest already set';
      return { kind: 'reply', subscription, reply: reply`${verb}: ${describe(subscription)}. The next one comes ${next}.` };
    }
    case 'off': {
      const removed = await store.subscriptions.unsubscribe(key);
      return {
        kind: 'reply',
        reply: removed ? reply`Weekly digest turned off for this channel.` : reply`This channel has no weekly digest; nothing to turn off.`,
      };
    }
    case 'status': {
      const current = await store.subscriptions.get(key);
      if (!current) {
        return {
          kind: 'reply',
          reply: reply`This channel has no weekly digest. Start one with \`digest weekly mon 09:00 Europe/Berlin\`.`,
        };
      }
      const next = formatZoned(nextOccurrence(current, now), current.timeZone);
      return {
        kind: 'reply',
        subscription: current,
        reply: reply`This channel gets a weekly digest ${describe(current)}. The next one comes ${next}.`,
      };
    }
    case 'preview': {
      const current = await store.subscriptions.get(key);
      const target = current ?? { ...key, scope: 'channel' as const, timeZone: 'UTC', audience: null };
      const view = await buildDigest(store, target, now, {
        stalledAfterMs: options.stalledAfterMs ?? DEFAULT_STALLED_AFTER_MS,
        ...(options.lenses ? { lenses: options.lenses } : {}),
      });
      return { kind: 'preview', view, reply: reply`The digest for the seven days so far (${view.period.label}):` };
    }
  }
}
