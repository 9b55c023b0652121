import type { App, BlockAction, BlockElementAction, RespondFn } from '@slack/bolt';
import type { SlackClient, SlackDeps } from '../slack-deps.js';

export interface BlockActionArgs<A extends BlockElementAction> {
  body: BlockAction<A>;
  action: A;
  client: SlackClient;
  respond: RespondFn;
}

/**
 * Registers a block action: ack at once, then the handler runs as deferred work (see WorkQueue).
 */
export function onBlockAction<A extends BlockElementAction = BlockElementAction>(
  app: App,
  deps: SlackDeps,
  actionId: string | RegExp,
  handler: (args: BlockActionArgs<A>) => Promise<void>,
): void {
  app.action<BlockAction<A>>(actionId, async ({ ack, body, action, client, respond }) => {
    await ack();
    deps.work.defer(() => handler({ body, action, client, respond }));
  });
}
