import { checkBlockKitLimits } from '../../../src/render/block-kit-limits.js';
import type { FakeSlackApi, RecordedCall } from '../../e2e/fake-slack-api.js';

/** Every message-bearing call the bot made, with the Block Kit problems found in it. */
export function blockKitProblems(calls: RecordedCall[]): string[] {
  const problems: string[] = [];
  for (const call of calls) {
    if (call.method === 'views.publish') {
      const view = call.params.view as { blocks?: unknown[] } | undefined;
      problems.push(...checkBlockKitLimits({ blocks: view?.blocks ?? [] }, 'home').map((p) => `${call.method}: ${p}`));
    } else if (Array.isArray(call.params.blocks)) {
      const text = typeof call.params.text === 'string' ? call.params.text : undefined;
      problems.push(
        ...checkBlockKitLimits({ ...(text !== undefined ? { text } : {}), blocks: call.params.blocks }, 'message').map(
          (p) => `${call.method}: ${p}`,
        ),
      );
    }
  }
  return problems;
}

/** Calls that carry a message the bot sent (posts, updates, ephemerals, responses, views). */
export function messageCalls(api: FakeSlackApi): RecordedCall[] {
  return api.calls.filter((c) =>
    ['chat.postMessage', 'chat.update', 'chat.postEphemeral', 'response_url', 'views.publish'].includes(c.method),
  );
}

/** Live broadcast mentions: `<!channel>`, `<!here>`, `<!everyone>`, `<!subteam^…>` or bare `@channel`-style words. */
const LIVE_BROADCAST = /<!(?:channel|here|everyone|subteam\^)|(?<![\w\u200b])@(?:channel|here|everyone)\b/i;

type Obj = Record<string, unknown>;

/** The texts Slack parses for mentions: the message `text` and every mrkdwn text object (plain_text is shown literally). */
export function parsedTexts(call: RecordedCall): string[] {
  const out: string[] = [];
  if (typeof call.params.text === 'string') out.push(call.params.text);
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const o = node as Obj;
      if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(call.params.blocks);
  walk(call.params.view);
  return out;
}

/** Every parsed text the bot sent that holds a live broadcast mention. */
export function liveBroadcastMentions(api: FakeSlackApi): string[] {
  return messageCalls(api)
    .flatMap(parsedTexts)
    .filter((text) => LIVE_BROADCAST.test(text));
}

/** chat.postMessage calls that left link or media unfurling on (every one of ours echoes or may echo user text). */
export function postsWithUnfurling(api: FakeSlackApi): RecordedCall[] {
  return api.calls.filter((c) => c.method === 'chat.postMessage' && (c.params.unfurl_links !== false || c.params.unfurl_media !== false));
}
