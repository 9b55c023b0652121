import type { App, BlockAction, BlockElementAction, RespondFn } from '@slack/bolt';
import type { SlackClient } from '../slack-deps.js';

export interface BlockActionArgs<A extends BlockElementAction> {
  body: BlockAction<A>;
  action: A;
  client: SlackClient;
  respond: RespondFn;
}

/** Registers a block action; it runs from the inbox, which acknowledged the click when it recorded it. */
export function onBlockAction<A extends BlockElementAction = BlockElementAction>(
  app: App,
  actionId: string | RegExp,
  handler: (args: BlockActionArgs<A>) => Promise<void>,
): void {
  app.action<BlockAction<A>>(actionId, async ({ ack, body, action, client, respond }) => {
    await ack();
    await handler({ body, action, client, respond });
  });
}
