import { emptyLoadSamples } from './samples.js';
import type { UserSchedule } from './arrival-schedule.js';
import { monoMs, sleepUntil } from './clock.js';
import { TimedPoster } from './http-client.js';
import type { ConnectorFake, ConnectorPost } from './platform-fakes.js';
import type { LoadSamples } from './samples.js';

/**
 * Teams users on loopback: each runs one interview in its own channel. An `@compute-advice <name>` mention (a new
 * root post), then an Action.Submit activity with `value` for every question card the fake Bot Connector receives
 * in the reply chain (first choice, or "30" for number inputs), until the recommendation card arrives.
 * Against the bare echo bot (`replaySubmits`), the same mention and number of submits, each reply awaited.
 */

export interface TeamsLoadOptions {
  port: number;
  fake: ConnectorFake;
  /** One per interview: when it starts and how long it thinks before each answer (see arrival-schedule.ts). */
  schedules: readonly UserSchedule[];
  /** monoMs the schedules count from. */
  origin: number;
  tag: string;
  /** Against a bare bot: how many submits to send after the mention (one reply awaited per activity). */
  replaySubmits?: number;
  waitMs?: number;
}

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const BOT = { id: '28:7d3b8c4e-1111-4222-8333-944455556666', name: 'compute-advice' };
const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

type Obj = Record<string, unknown>;
type Step = { kind: 'card' } | { kind: 'answer'; value: Obj } | { kind: 'other' };

let seq = 0;
const nextActivityId = () => String(1_700_000_000_000 + ++seq);

/** What a posted activity asks for: an answer on its question card, nothing (the recommendation), or neither. */
export function classifyTeamsPost(body: Obj): Step {
  const cards = ((body.attachments as Obj[] | undefined) ?? []).filter((a) => a.contentType === ADAPTIVE).map((a) => a.content);
  let answer: Obj | undefined;
  let choices: Array<{ value: string }> | undefined;
  let recommendation = false;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const o = node as Obj;
    const data = o.data as Obj | undefined;
    if (o.type === 'Action.Submit' && data?.ca === 'answer' && !answer) answer = data;
    if (o.type === 'Action.Submit' && data?.ca === 'record_decision') recommendation = true;
    if (o.type === 'Input.ChoiceSet' && !choices) choices = o.choices as Array<{ value: string }>;
    Object.values(o).forEach(walk);
  };
  walk(cards);
  if (recommendation) return { kind: 'card' };
  if (!answer) return { kind: 'other' };
  return { kind: 'answer', value: { ...answer, value: choices?.[0]?.value ?? '30' } };
}

function activity(serviceUrl: string, channel: string, conversationId: string, user: Obj, extra: Obj): Obj {
  return {
    type: 'message',
    id: nextActivityId(),
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: user,
    conversation: { id: conversationId, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    recipient: BOT,
    locale: 'en-US',
    channelData: { tenant: { id: TENANT }, team: { id: '19:team-load@thread.tacv2' }, channel: { id: channel } },
    ...extra,
  };
}

export async function runTeamsLoad(options: TeamsLoadOptions): Promise<LoadSamples & { submitsPerInterview: number }> {
  const poster = new TimedPoster(options.port);
  const waitMs = options.waitMs ?? 20_000;
  const samples: LoadSamples & { submitsPerInterview: number } = { ...emptyLoadSamples(), submitsPerInterview: 0 };
  const send = async (body: Obj): Promise<void> => {
    samples.requests += 1;
    const { ms, status } = await poster.post('/api/messages', JSON.stringify(body), { 'content-type': 'application/json' });
    if (status !== 200) throw new Error(`HTTP ${status}`);
    samples.ack.push(ms);
    samples.ackAt.push(monoMs());
  };

  async function interview(i: number): Promise<void> {
    const channel = `19:load${options.tag}${i}@thread.tacv2`;
    const user = {
      id: `29:load-user-${options.tag}-${i}`,
      name: `Load User ${i}`,
      aadObjectId: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
    };
    const take = async (what: string): Promise<ConnectorPost> => {
      const post = await options.fake.inbox.take(channel, waitMs);
      if (!post) throw new Error(`no ${what} within ${waitMs} ms`);
      return post;
    };
    const schedule = options.schedules[i] as UserSchedule;
    let due = options.origin + schedule.startMs;
    await sleepUntil(due);

    const mention = activity(options.fake.serviceUrl, channel, channel, user, {
      textFormat: 'plain',
      text: `<at>${BOT.name}</at> compute-advice load-service-${i}`,
      entities: [{ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT }],
    });
    const thread = `${channel};messageid=${String(mention.id)}`;
    const sentMention = monoMs();
    await send(mention);
    let post = await take('reply to the mention');
    // ours replies with an intro card, then the first question card; the echo bot replies once
    if (options.replaySubmits === undefined && classifyTeamsPost(post.body).kind === 'other') post = await take('first question');
    samples.first.push(post.at - sentMention);

    let submits = 0;
    for (let n = 0; ; n++) {
      let value: Obj;
      if (options.replaySubmits !== undefined) {
        if (n >= options.replaySubmits) break;
        value = { ca: 'answer', reviewId: 'x', questionId: 'x', value: 'x' };
      } else {
        const step = classifyTeamsPost(post.body);
        if (step.kind === 'card') break;
        if (step.kind === 'other') throw new Error(`unexpected activity: ${JSON.stringify(post.body).slice(0, 160)}`);
        if (n > 40) throw new Error('interview did not finish in 40 answers');
        value = step.value;
      }
      due += schedule.nextThinkMs();
      await sleepUntil(due);
      const sent = monoMs();
      await send(activity(options.fake.serviceUrl, channel, thread, user, { replyToId: post.responseId, value }));
      post = await take('next question');
      samples.next.push(post.at - sent);
      submits = n + 1;
    }
    samples.completed += 1;
    if (samples.submitsPerInterview === 0) samples.submitsPerInterview = submits;
  }

  await Promise.all(
    options.schedules.map((_, i) =>
      interview(i).catch((error: unknown) => {
        samples.failures.push(`teams interview ${i}: ${(error as Error).message}`);
      }),
    ),
  );
  poster.close();
  return samples;
}
