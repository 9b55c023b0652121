/**
 * "Export ADR" on the Teams card, end to end over loopback: the real CloudAdapter (auth off), the fake Bot Connector,
 * and the link served by the same Teams server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { validateAdaptiveCard } from '../render/helpers/adaptive-card-validate.js';
import {
  ALEX,
  CHANNEL_ID,
  cardText,
  elementsOfType,
  firstCard,
  isRecommendationCard,
  latestQuestion,
  mentionActivity,
  nextActivityId,
  SAM,
  startHarness,
  submitActions,
  submitActivity,
  type Harness,
} from '../teams/helpers/teams-harness.js';

const open: Harness[] = [];
/** A card's text as a person reads it (without the Markdown escapes). */
const shown = (card: unknown) => cardText(card).replace(/\\(.)/g, '$1');
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
});

/** A finished review in a reply chain, its card, and the thread. */
async function finishedReview(h: Harness) {
  const rootId = nextActivityId();
  await h.post(mentionActivity({ serviceUrl: h.connector.serviceUrl, from: ALEX, id: rootId, text: 'compute-advice checkout-api' }));
  const thread = `${CHANNEL_ID};messageid=${rootId}`;
  for (let i = 0; i < 30 && !isRecommendationCard(h.connector.posted().at(-1)!); i++) {
    const q = latestQuestion(h.connector)!;
    const choice = elementsOfType(firstCard(q.call), 'Input.ChoiceSet')[0] as { choices: Array<{ value: string }> } | undefined;
    const answer = submitActions(firstCard(q.call)).find((a) => a.data.ca === 'answer')!;
    const value = choice ? choice.choices[0]!.value : '30';
    await h.post(
      submitActivity({
        serviceUrl: h.connector.serviceUrl,
        from: ALEX,
        conversationId: thread,
        replyToId: q.activityId,
        value: { ...answer.data, value },
      }),
    );
  }
  const card = h.connector.posted().at(-1)!;
  expect(isRecommendationCard(card)).toBe(true);
  return { thread, card };
}

async function clickExport(h: Harness) {
  const { thread, card } = await finishedReview(h);
  const exportAction = submitActions(firstCard(card)).find((a) => a.title === 'Export ADR');
  expect(exportAction?.data).toMatchObject({ ca: 'export_adr', reviewId: expect.stringMatching(/^r-/) });
  const before = h.connector.calls.length;
  // anyone in the conversation who sees the card may ask for the record
  const res = await h.post(
    submitActivity({
      serviceUrl: h.connector.serviceUrl,
      from: SAM,
      conversationId: thread,
      replyToId: card.responseId!,
      value: exportAction!.data,
    }),
  );
  expect(res.status).toBe(200);
  const replies = h.connector.calls.slice(before);
  expect(replies.map((c) => c.kind)).toEqual(['reply']);
  expect(replies[0]!.conversationId).toBe(thread);
  return firstCard(replies[0]!);
}

describe('Teams: Export ADR', () => {
  it('replies with a card whose Open button is a signed link served by the bot', async () => {
    const h = await startHarness({ publicUrl: true });
    open.push(h);
    const reply = await clickExport(h);
    expect(validateAdaptiveCard(reply)).toEqual([]);
    expect(shown(reply)).toContain('Decision record (ADR) for checkout-api');
    expect(shown(reply)).toMatch(/works until \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    const openUrl = elementsOfType(reply, 'Action.OpenUrl');
    expect(openUrl).toHaveLength(1);
    const url = String(openUrl[0]!.url);
    expect(url.startsWith(`${h.server.url}/adr/`)).toBe(true);
    const served = await fetch(url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(await served.text()).toMatch(/^---\nstatus: proposed\n[\s\S]*## Decision Outcome/);
  });

  it('without PUBLIC_URL, says so and gives no button', async () => {
    const h = await startHarness();
    open.push(h);
    const reply = await clickExport(h);
    expect(validateAdaptiveCard(reply)).toEqual([]);
    expect(shown(reply)).toContain('PUBLIC_URL');
    expect(elementsOfType(reply, 'Action.OpenUrl')).toEqual([]);
  });
});
