import { emptyLoadSamples } from './samples.js';
import type { Question } from '../../src/core/interview/question.js';
import { escapeMrkdwn } from '../../src/render/escape.js';
import { SLACK_ACTION_IDS } from '../../src/render/action-ids.js';
import { SLACK_EVENTS_PATH } from '../../src/slack/slack-app.js';
import { signedHeaders } from '../../test/e2e/slack-signing.js';
import { blockActions, eventEnvelope, messageEvent, slashCommand } from '../../test/slack/helpers/slack-payloads.js';
import { typedAnswerFor } from '../../test/slack/helpers/typed-answers.js';
import type { UserSchedule } from './arrival-schedule.js';
import { monoMs, sleepUntil } from './clock.js';
import type { SlackPost } from './slack-post.js';
import { TimedPoster } from './http-client.js';
import type { SlackFake } from './platform-fakes.js';
import type { LoadSamples } from './samples.js';

/**
 * Slack users on loopback: each runs one interview. A signed `/compute-advice <name>`, then, for every question the
 * fake Web API receives in its thread, a signed block_actions click on the first choice (buttons, selects, "None of
 * these") or a thread-reply message event (numbers and text), until the recommendation card arrives.
 * Against the bare Bolt app (`replay`), the same sequence of request kinds is sent and each request's one post awaited.
 */

export type SlackAnswerKind = 'click' | 'type';

export interface SlackLoadOptions {
  port: number;
  secret: string;
  fake: SlackFake;
  /** One per interview: when it starts and how long it thinks before each answer (see arrival-schedule.ts). */
  schedules: readonly UserSchedule[];
  /** monoMs the schedules count from. */
  origin: number;
  /** Questions, to answer the typed ones sensibly (found by their text). */
  questions: readonly Question[];
  /** Channel prefix, unique per run. */
  tag: string;
  /** Against a bare app: the request kinds to send after the command (one post awaited per request). */
  replay?: readonly SlackAnswerKind[];
  /** Longest wait for a post before the interview is counted as failed. */
  waitMs?: number;
}

type Obj = Record<string, unknown>;
type Step = { kind: 'card' } | { kind: 'click'; action: Obj } | { kind: 'type'; text: string } | { kind: 'other'; what: string };

/** What a posted message asks for: a click (the first choice), a typed reply, nothing (the card), or it is unexpected. */
export function classifySlackPost(blocks: unknown[], questions: readonly Question[]): Step {
  const list = blocks as Obj[];
  const elements = list
    .filter((b) => b.type === 'actions')
    .flatMap((b) => ((b.elements as Obj[] | undefined) ?? []).map((e): Obj => ({ ...e, block_id: b.block_id })));
  if (elements.some((e) => e.action_id === SLACK_ACTION_IDS.recordDecision)) return { kind: 'card' };
  const none = elements.find((e) => e.action_id === SLACK_ACTION_IDS.answerNone);
  if (none)
    return {
      kind: 'click',
      action: { type: 'button', action_id: none.action_id, block_id: none.block_id, value: none.value, text: none.text },
    };
  const button = elements.find((e) => typeof e.action_id === 'string' && /^ca_answer_\d+$/.test(e.action_id));
  if (button)
    return {
      kind: 'click',
      action: { type: 'button', action_id: button.action_id, block_id: button.block_id, value: button.value, text: button.text },
    };
  const select = elements.find((e) => e.action_id === SLACK_ACTION_IDS.answerSelect);
  if (select)
    return {
      kind: 'click',
      action: {
        type: 'static_select',
        action_id: select.action_id,
        block_id: select.block_id,
        selected_option: (select.options as Obj[])[0],
      },
    };
  const first = list.find((b) => b.type === 'section');
  const text = String((first?.text as Obj | undefined)?.text ?? '');
  const question = questions.find((q) => text.startsWith(`*${escapeMrkdwn(q.text)}*`));
  if (question) return { kind: 'type', text: typedAnswerFor(question) };
  return { kind: 'other', what: text.slice(0, 120) };
}

export async function runSlackLoad(options: SlackLoadOptions): Promise<LoadSamples & { plan: SlackAnswerKind[] }> {
  const poster = new TimedPoster(options.port);
  const waitMs = options.waitMs ?? 20_000;
  const samples: LoadSamples & { plan: SlackAnswerKind[] } = { ...emptyLoadSamples(), plan: [] };

  const send = async (body: string, contentType: string): Promise<void> => {
    samples.requests += 1;
    const { ms, status } = await poster.post(SLACK_EVENTS_PATH, body, signedHeaders(options.secret, body, contentType));
    if (status !== 200) throw new Error(`HTTP ${status}`);
    samples.ack.push(ms);
    samples.ackAt.push(monoMs());
  };
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

  async function interview(i: number): Promise<void> {
    const channel = `C${options.tag}${i}`;
    const user = `U${options.tag}${i}`;
    const responseUrl = options.fake.responseUrl(`${channel}-${user}`);
    const take = async (what: string): Promise<SlackPost> => {
      const post = await options.fake.inbox.take(channel, waitMs);
      if (!post) throw new Error(`no ${what} within ${waitMs} ms`);
      return post;
    };
    const schedule = options.schedules[i] as UserSchedule;
    let due = options.origin + schedule.startMs;
    await sleepUntil(due);

    const sentCommand = monoMs();
    await send(form(slashCommand({ text: `load-service-${i}`, user, channel, responseUrl })), 'application/x-www-form-urlencoded');
    let post = await take('post after the command');
    // ours posts the parent message, then the first question in its thread; the bare app posts once
    if (!options.replay && post.threadTs === null) post = await take('first question');
    samples.first.push(post.at - sentCommand);
    const threadTs = post.threadTs ?? post.ts;
    const plan: SlackAnswerKind[] = [];

    for (let n = 0; ; n++) {
      let step: Step;
      if (options.replay) {
        const kind = options.replay[n];
        if (!kind) break;
        step =
          kind === 'click'
            ? { kind, action: { type: 'button', action_id: 'ca_answer_0', block_id: 'q:x', value: '{"r":"x","q":"x","v":"x"}' } }
            : { kind, text: 'x' };
      } else {
        step = classifySlackPost(post.blocks, options.questions);
        if (step.kind === 'card') break;
        if (step.kind === 'other') throw new Error(`unexpected post in the thread: ${step.what}`);
        if (n > 40) throw new Error('interview did not finish in 40 answers');
      }
      due += schedule.nextThinkMs();
      await sleepUntil(due);
      const sent = monoMs();
      if (step.kind === 'click') {
        plan.push('click');
        const payload = blockActions({ user, channel, messageTs: post.ts, threadTs, responseUrl, action: step.action });
        await send(form({ payload: JSON.stringify(payload) }), 'application/x-www-form-urlencoded');
      } else if (step.kind === 'type') {
        plan.push('type');
        await send(JSON.stringify(eventEnvelope(messageEvent({ user, channel, threadTs, text: step.text }))), 'application/json');
      }
      post = await take('next question');
      samples.next.push(post.at - sent);
    }
    samples.completed += 1;
    if (samples.plan.length === 0) samples.plan = plan;
  }

  await Promise.all(
    options.schedules.map((_, i) =>
      interview(i).catch((error: unknown) => {
        samples.failures.push(`slack interview ${i}: ${(error as Error).message}`);
      }),
    ),
  );
  poster.close();
  return samples;
}
