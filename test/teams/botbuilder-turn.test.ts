import { describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { newCard } from '../../src/render/adaptive-card-types.js';
import { storableReference, teamsPlace, toActivity, toInbound } from '../../src/teams/botbuilder-turn.js';
import { ALEX, BOT, CHANNEL_ID, SAM, TENANT_ID, mentionActivity, personalActivity, submitActivity } from './helpers/teams-harness.js';

const serviceUrl = 'https://smba.trafficmanager.net/amer/';

describe('teamsPlace', () => {
  it('a new root post in a channel: the thread is the channel conversation plus ;messageid=<its own id>', () => {
    const activity = mentionActivity({ serviceUrl, from: ALEX, id: '1712345678901', text: 'compute-advice x' }) as unknown as Activity;
    expect(teamsPlace(activity)).toEqual({
      channelId: CHANNEL_ID,
      threadRef: `${CHANNEL_ID};messageid=1712345678901`,
      conversationType: 'channel',
      tenantId: TENANT_ID,
      teamId: '19:team-general@thread.tacv2',
      audience: 'team:19:team-general@thread.tacv2',
    });
  });

  it('a private or shared channel has no audience beyond its members; nor has a chat', () => {
    const activity = mentionActivity({ serviceUrl, from: ALEX, text: 'x' }) as unknown as Activity & {
      channelData: Record<string, unknown>;
    };
    for (const type of ['private', 'shared']) {
      const inChannel = { ...activity, channelData: { ...activity.channelData, channel: { id: CHANNEL_ID, type } } };
      expect(teamsPlace(inChannel).audience, type).toBeNull();
    }
    expect(
      teamsPlace({ ...activity, channelData: { ...activity.channelData, channel: { id: CHANNEL_ID, type: 'standard' } } }).audience,
    ).toBe('team:19:team-general@thread.tacv2');
  });

  it('a reply in the chain keeps the root from conversation.id', () => {
    const activity = mentionActivity({
      serviceUrl,
      from: ALEX,
      id: '1712345678999',
      conversationId: `${CHANNEL_ID};messageid=1712345678901`,
      text: '40 rps',
    }) as unknown as Activity;
    expect(teamsPlace(activity).threadRef).toBe(`${CHANNEL_ID};messageid=1712345678901`);
  });

  it('a personal chat is its own thread', () => {
    const activity = personalActivity({ serviceUrl, from: ALEX, conversationId: 'a:1chat', text: 'hi' }) as unknown as Activity;
    expect(teamsPlace(activity)).toEqual({
      channelId: 'a:1chat',
      threadRef: 'a:1chat',
      conversationType: 'personal',
      tenantId: TENANT_ID,
      audience: null,
    });
  });
});

describe('toInbound', () => {
  it('strips the bot mention, keeps other mentions, and points the stored reference into the thread', () => {
    const activity = mentionActivity({
      serviceUrl,
      from: ALEX,
      id: '1712345678901',
      text: 'add',
      alsoMention: [SAM],
    }) as unknown as Activity;
    const inbound = toInbound(activity);
    expect(inbound.text).toBe('add <at>Sam Lee</at>');
    expect(inbound.mentions).toEqual([{ id: SAM.id, name: SAM.name }]);
    expect(inbound).toMatchObject({ id: '1712345678901', fromId: ALEX.id, fromName: ALEX.name, tenantId: TENANT_ID });
    expect(inbound.conversationRef).toMatchObject({
      serviceUrl,
      channelId: 'msteams',
      bot: BOT,
      conversation: { id: `${CHANNEL_ID};messageid=1712345678901` },
    });
    // the activity itself is untouched
    expect(activity.text).toContain('<at>compute-advice</at>');
  });

  it('carries Action.Submit data and the card it came from', () => {
    const activity = submitActivity({
      serviceUrl,
      from: ALEX,
      conversationId: `${CHANNEL_ID};messageid=1`,
      replyToId: 'card-1',
      value: { ca: 'answer', reviewId: 'r-1', questionId: 'q', value: 'api' },
    }) as unknown as Activity;
    expect(toInbound(activity)).toMatchObject({ text: '', value: { ca: 'answer', value: 'api' }, replyToId: 'card-1' });
  });

  it('storableReference is plain JSON', () => {
    const activity = personalActivity({ serviceUrl, from: ALEX, conversationId: 'a:1chat', text: 'hi' }) as unknown as Activity;
    const ref = storableReference(activity, 'a:1chat');
    expect(JSON.parse(JSON.stringify(ref))).toEqual(ref);
  });
});

describe('toActivity', () => {
  it('wraps a card as an Adaptive Card attachment with its fallback as the summary', () => {
    const card = newCard([{ type: 'TextBlock', text: 'hi' }], { fallbackText: 'hello' });
    expect(toActivity({ card })).toEqual({
      type: 'message',
      summary: 'hello',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
    });
    expect(toActivity({ text: 'hi' })).toEqual({ type: 'message', text: 'hi' });
  });
});
