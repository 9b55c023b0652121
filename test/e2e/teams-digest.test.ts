/**
 * Teams digest commands through the real CloudAdapter: who may change a channel's digest (team owners as the roster
 * reports them, or ADMIN_USER_IDS), and what a digest may show (a workspace digest only in a standard channel, with
 * only the reviews started in that team's standard channels, never a personal or group chat's).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { validateAdaptiveCard } from '../render/helpers/adaptive-card-validate.js';
import { movableClock } from '../security/helpers/reviews.js';
import {
  ALEX,
  CHANNEL_ID,
  SAM,
  TENANT_ID,
  cardText,
  mentionActivity,
  personalActivity,
  startHarness,
  type Harness,
} from '../teams/helpers/teams-harness.js';
import { sqliteOf } from '../helpers/sqlite-handle.js';
import { DAY, recordSignOff, seedReview } from '../digest/helpers.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const subscriptions = (x: Harness) => sqliteOf(x.services).prepare('SELECT channel_id, scope, audience FROM digest_subscriptions').all();

/** Every text and card text the bot sent since `mark`. */
function sentSince(x: Harness, mark: number): string {
  return x.connector.calls
    .slice(mark)
    .map((c) => {
      const cards = ((c.body as { attachments?: Array<{ content: unknown }> }).attachments ?? []).map((a) => cardText(a.content));
      return [String(c.body.text ?? ''), ...cards].join('\n');
    })
    .join('\n');
}

async function inChannel(x: Harness, from: typeof ALEX, text: string): Promise<string> {
  const mark = x.connector.calls.length;
  const res = await x.post(mentionActivity({ serviceUrl: x.connector.serviceUrl, from, text: `compute-advice ${text}` }));
  expect(res.status).toBe(200);
  return sentSince(x, mark);
}

async function inPersonalChat(x: Harness, from: typeof ALEX, text: string): Promise<string> {
  const mark = x.connector.calls.length;
  const conversationId = `a:personal-${from.id}`;
  const res = await x.post(personalActivity({ serviceUrl: x.connector.serviceUrl, from, conversationId, text }));
  expect(res.status).toBe(200);
  return sentSince(x, mark);
}

describe('Teams digest commands', () => {
  it('a team owner subscribes a channel, previews the digest as a valid card, and switches it off', async () => {
    h = await startHarness();
    h.connector.setRole(ALEX.id, 'owner');
    expect(await inChannel(h, ALEX, 'digest weekly monday 09:00 Europe/Berlin')).toMatch(/Monday/i);
    expect(h.connector.rosterLookups).toContainEqual({ teamId: '19:team-general@thread.tacv2', userId: ALEX.id });
    const row = sqliteOf(h.services).prepare('SELECT weekday, time, time_zone, conversation_ref FROM digest_subscriptions').get() as Record<
      string,
      unknown
    >;
    expect(row).toMatchObject({ weekday: 1, time: '09:00', time_zone: 'Europe/Berlin' });
    expect(String(row.conversation_ref)).not.toContain(';messageid=');

    const mark = h.connector.calls.length;
    await inChannel(h, SAM, 'digest preview');
    const cards = h.connector.calls
      .slice(mark)
      .flatMap((c) => ((c.body as { attachments?: Array<{ content: unknown }> }).attachments ?? []).map((a) => a.content));
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) expect(validateAdaptiveCard(card)).toEqual([]);
    expect(cards.map(cardText).join(' ')).toMatch(/digest/i);

    await inChannel(h, ALEX, 'digest off');
    expect(subscriptions(h)).toEqual([]);
  });

  it('a member who is not an owner changes nothing: not weekly, not off, not stop', async () => {
    h = await startHarness();
    h.connector.setRole(ALEX.id, 'owner');
    await inChannel(h, ALEX, 'digest weekly mon 09:00 UTC');
    const before = subscriptions(h);
    expect(before).toHaveLength(1);
    for (const text of ['digest weekly fri 17:00 UTC workspace', 'digest off', 'digest stop', 'DIGEST   Stop']) {
      expect(await inChannel(h, SAM, text), text).toMatch(/Only workspace admins, team owners and people on the bot's admin list/);
      expect(subscriptions(h), text).toEqual(before);
    }
    // a roster that cannot be asked is no owner either
    h.connector.setRole(SAM.id, 'guest');
    expect(await inChannel(h, SAM, 'digest off')).toMatch(/Only workspace admins/);
    expect(subscriptions(h)).toEqual(before);
  });

  it("a workspace digest lists only the team's standard-channel reviews, never a personal chat's", async () => {
    const clock = movableClock(Date.now());
    h = await startHarness({ clock, bot: { adminUserIds: [SAM.id] } });
    // Alex's review in a personal chat with the bot: private to Alex
    await inPersonalChat(h, ALEX, 'compute-advice secret-payroll-migration');
    // a review started in the team's channel
    await inChannel(h, ALEX, 'compute-advice public-checkout-api');
    // two days later both are stalled, and a digest lists stalled reviews by name
    clock.advance(2 * 24 * 3_600_000);
    // Sam, an admin by ADMIN_USER_IDS, cannot point a workspace digest at a personal chat
    expect(await inPersonalChat(h, SAM, 'digest weekly mon 09:00 UTC workspace')).toMatch(/A workspace digest goes only to a channel/);
    expect(subscriptions(h)).toEqual([]);
    // Sam's own personal chat gets only its own reviews (none)
    const ownPreview = await inPersonalChat(h, SAM, 'digest preview');
    expect(ownPreview).not.toContain('secret-payroll-migration');
    expect(ownPreview).not.toContain('public-checkout-api');
    // in the channel, the workspace digest covers the team's channels: the channel review, never Alex's private one
    await inChannel(h, SAM, 'digest weekly mon 09:00 UTC workspace');
    expect(subscriptions(h)).toEqual([
      { channel_id: '19:a1b2c3d4e5f6@thread.tacv2', scope: 'workspace', audience: 'team:19:team-general@thread.tacv2' },
    ]);
    const preview = await inChannel(h, SAM, 'digest preview');
    expect(preview).toMatch(/The team's channels/);
    expect(preview).toContain('public-checkout-api');
    expect(preview).not.toContain('secret-payroll-migration');
  });

  it('a bad digest command says what is allowed and stores nothing', async () => {
    h = await startHarness();
    h.connector.setRole(ALEX.id, 'owner');
    const reply = await inChannel(h, ALEX, 'digest weekly someday 25:00 Mars/Base');
    expect(reply.toLowerCase()).toMatch(/weekday|mon/);
    expect(subscriptions(h)).toEqual([]);
  });

  it('the preview card lists pending sign-offs, approvals of the week and decisions for another model than recommended', async () => {
    h = await startHarness();
    const { store } = h.services;
    const now = Date.now();
    const place = { platform: 'teams' as const, workspaceId: TENANT_ID, channelId: CHANNEL_ID, threadRef: `${CHANNEL_ID};messageid=1` };
    const pending = await seedReview(store, {
      ...place,
      name: 'ledger-sync',
      audience: null,
      startedAt: now - 3 * DAY,
      completedAt: now - 2 * DAY,
    });
    await store.signoffs.request(pending.id, SAM.id, ALEX.id, now - 2 * DAY);
    const approved = await seedReview(store, {
      ...place,
      name: 'search-api',
      audience: null,
      startedAt: now - 3 * DAY,
      completedAt: now - 2 * DAY,
    });
    await store.signoffs.request(approved.id, SAM.id, ALEX.id, now - 2 * DAY);
    await recordSignOff(store, approved.id, SAM.id, 'approved', now - DAY);
    await seedReview(store, {
      ...place,
      name: 'nightly-etl',
      audience: null,
      startedAt: now - 3 * DAY,
      completedAt: now - 2 * DAY,
      recommended: 'faas',
      decisions: [{ chosen: 'containers', against: false, at: now - DAY }],
    });
    const mark = h.connector.calls.length;
    await inChannel(h, SAM, 'digest preview');
    const card = (h.connector.calls[mark]!.body as { attachments: Array<{ content: unknown }> }).attachments[0]!.content;
    expect(validateAdaptiveCard(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toContain('Waiting for sign-off (1)\n• **ledger-sync**: 1 approver still to act, asked 2 days ago');
    expect(text).toContain('Approved this week (1)\n• **search-api**: approved');
    expect(text).toContain('Decided other than recommended (1)\n• **nightly-etl**: chose containers; recommended was functions \\(FaaS\\)');
  });
});
