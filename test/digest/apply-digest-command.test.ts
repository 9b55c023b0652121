import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/app/clock.js';
import {
  applyDigestCommand,
  channelConversationRef,
  type DigestCommandPlace,
  type DigestCommandResult,
} from '../../src/digest/apply-digest-command.js';
import { parseDigestCommand } from '../../src/digest/digest-command.js';
import type { DigestStore } from '../../src/storage/digest-repository.js';
import { at, fakeClock, freshDb, seedReview, HOUR, DAY } from './helpers.js';

const SLACK = { platform: 'slack', workspaceId: 'T1', channelId: 'C0CHAN1', audience: 'workspace' } as const;

/** Parses and applies, as the conversation does once it has checked who may apply the command. */
async function handleDigestText(
  store: DigestStore,
  clock: Clock,
  place: DigestCommandPlace,
  actor: string,
  text: string,
): Promise<DigestCommandResult> {
  const parsed = parseDigestCommand(text);
  return parsed.kind === 'error'
    ? { kind: 'reply', reply: parsed.reply }
    : await applyDigestCommand(store, clock, place, actor, parsed.command);
}
const TEAMS_REF = {
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  channelId: 'msteams',
  conversation: { id: '19:abc@thread.tacv2;messageid=1700000000000', conversationType: 'channel', tenantId: 'tenant' },
  activityId: '1700000000000',
  bot: { id: '28:bot' },
};
const TEAMS = { platform: 'teams', workspaceId: 'tenant', channelId: '19:abc@thread.tacv2', conversationRef: TEAMS_REF } as const;

describe('applyDigestCommand / handleDigestText', () => {
  it('subscribes, tells when the next digest comes, and stores the schedule', async () => {
    const t = await freshDb();
    const clock = fakeClock('2026-11-18T12:00:00Z');
    const result = await handleDigestText(t.digest, clock, SLACK, 'U1', 'digest weekly mon 09:00 Europe/Berlin');
    expect(result.reply.text).toBe(
      'Weekly digest on: every Monday at 09:00 (Europe/Berlin), covering this channel. The next one comes Mon 23 Nov 2026, 09:00.',
    );
    expect(await t.digest.subscriptions.get(SLACK)).toMatchObject({
      weekday: 1,
      time: '09:00',
      timeZone: 'Europe/Berlin',
      scope: 'channel',
      createdBy: 'U1',
      createdAt: clock.now(),
      updatedAt: clock.now(),
      conversationRef: null,
    });
  });

  it('changes a schedule, and says so when it is already set (without moving its start)', async () => {
    const t = await freshDb();
    const clock = fakeClock('2026-11-18T12:00:00Z');
    await handleDigestText(t.digest, clock, SLACK, 'U1', 'digest weekly mon 09:00 Europe/Berlin');
    clock.advance(HOUR);
    expect((await handleDigestText(t.digest, clock, SLACK, 'U2', 'digest weekly mon 09:00 Europe/Berlin')).reply.text).toMatch(
      /^Weekly digest already set: /,
    );
    expect((await t.digest.subscriptions.get(SLACK))!.updatedAt).toBe(at('2026-11-18T12:00:00Z'));
    const changed = await handleDigestText(t.digest, clock, SLACK, 'U2', 'digest weekly fri 16:30 America/New_York workspace');
    expect(changed.reply.text).toBe(
      'Weekly digest changed: every Friday at 16:30 (America/New_York), covering public channels across the workspace. The next one comes Fri 20 Nov 2026, 16:30.',
    );
    expect(await t.digest.subscriptions.get(SLACK)).toMatchObject({
      weekday: 5,
      scope: 'workspace',
      createdBy: 'U1',
      updatedBy: 'U2',
      updatedAt: clock.now(),
    });
  });

  it('shows the current schedule, and turns it off', async () => {
    const t = await freshDb();
    const clock = fakeClock('2026-11-18T12:00:00Z');
    expect((await handleDigestText(t.digest, clock, SLACK, 'U1', 'digest')).reply.text).toBe(
      'This channel has no weekly digest. Start one with `digest weekly mon 09:00 Europe/Berlin`.',
    );
    await handleDigestText(t.digest, clock, SLACK, 'U1', 'digest weekly mon 09:00 Europe/Berlin');
    expect((await handleDigestText(t.digest, clock, SLACK, 'U1', 'digest status')).reply.text).toBe(
      'This channel gets a weekly digest every Monday at 09:00 (Europe/Berlin), covering this channel. The next one comes Mon 23 Nov 2026, 09:00.',
    );
    expect((await handleDigestText(t.digest, clock, SLACK, 'U1', 'digest off')).reply.text).toBe(
      'Weekly digest turned off for this channel.',
    );
    expect(await t.digest.subscriptions.get(SLACK)).toBeUndefined();
    expect((await handleDigestText(t.digest, clock, SLACK, 'U1', 'digest off')).reply.text).toBe(
      'This channel has no weekly digest; nothing to turn off.',
    );
  });

  it("previews the seven days so far, with the subscription's scope and zone, or this channel in UTC", async () => {
    const t = await freshDb();
    const clock = fakeClock('2026-11-18T12:00:00Z');
    await seedReview(t.store, { name: 'a', startedAt: clock.now() - 2 * DAY, completedAt: clock.now() - DAY });
    await seedReview(t.store, { name: 'b', channelId: 'C0CHAN2', startedAt: clock.now() - 2 * DAY, completedAt: clock.now() - DAY });
    const plain = await handleDigestText(t.digest, clock, SLACK, 'U1', 'digest preview');
    if (plain.kind !== 'preview') throw new Error('expected a preview');
    expect(plain.view).toMatchObject({ scope: 'channel', timeZone: 'UTC', period: { to: clock.now() } });
    expect(plain.view.completed.total).toBe(1);
    expect(plain.reply.text).toBe('The digest for the seven days so far (Wed 11 Nov, 12:00 – Wed 18 Nov 2026, 12:00 (UTC)):');
    await handleDigestText(t.digest, clock, SLACK, 'U1', 'digest weekly mon 09:00 Europe/Berlin workspace');
    const scoped = await handleDigestText(t.digest, clock, SLACK, 'U1', 'digest preview');
    if (scoped.kind !== 'preview') throw new Error('expected a preview');
    expect(scoped.view).toMatchObject({ scope: 'workspace', timeZone: 'Europe/Berlin' });
    expect(scoped.view.completed.total).toBe(2);
  });

  it('stores the Teams channel reference without the thread, and needs one', async () => {
    const t = await freshDb();
    const clock = fakeClock('2026-11-18T12:00:00Z');
    const refused = await handleDigestText(t.digest, clock, { ...TEAMS, conversationRef: null }, 'alex', 'digest weekly mon 09:00 UTC');
    expect(refused.reply.text).toMatch(/cannot post here on my own yet/);
    expect(await t.digest.subscriptions.get(TEAMS)).toBeUndefined();
    await handleDigestText(t.digest, clock, TEAMS, 'alex', 'digest weekly mon 09:00 UTC');
    const stored = (await t.digest.subscriptions.get(TEAMS))!.conversationRef!;
    expect(stored.conversation).toEqual({ id: '19:abc@thread.tacv2', conversationType: 'channel', tenantId: 'tenant' });
    expect(stored).not.toHaveProperty('activityId');
    expect(stored.serviceUrl).toBe(TEAMS_REF.serviceUrl);
    expect(channelConversationRef({ conversation: { id: 'a:personal' } })).toEqual({ conversation: { id: 'a:personal' } });
  });

  it('leaves stored data unchanged on a bad command, and replies naming the problem', async () => {
    const t = await freshDb();
    const clock = fakeClock('2026-11-18T12:00:00Z');
    await handleDigestText(t.digest, clock, SLACK, 'U1', 'digest weekly mon 09:00 Europe/Berlin');
    const before = await t.digest.subscriptions.get(SLACK);
    for (const bad of [
      'digest weekly mon 25:00 UTC',
      'digest weekly mon 09:00 Nowhere/City',
      'digest weekly someday 09:00 UTC',
      'digest off please',
    ]) {
      const result = await handleDigestText(t.digest, clock, SLACK, 'U2', bad);
      expect(result.kind).toBe('reply');
      expect(result.reply.text).toMatch(/is not|Unexpected/);
    }
    expect(await t.digest.subscriptions.get(SLACK)).toEqual(before);
  });

  it('is the same as parsing then applying', async () => {
    const t = await freshDb();
    const clock = fakeClock('2026-11-18T12:00:00Z');
    const r = await applyDigestCommand(t.digest, clock, SLACK, 'U1', {
      kind: 'weekly',
      weekday: 0,
      time: '18:00',
      timeZone: 'UTC',
      scope: 'channel',
    });
    expect(r.reply.mrkdwn).toBe(
      'Weekly digest on: every Sunday at 18:00 (UTC), covering this channel. The next one comes Sun 22 Nov 2026, 18:00.',
    );
  });
});
