import type { App, ReceiverEvent } from '@slack/bolt';
import { AuthorizationError } from './bolt.js';
import type { InboxService } from '../app/inbox-service.js';
import { texts } from '../conversation/index.js';
import { StorageError } from '../errors.js';
import { InboxRunner, type InboxRunnerOptions } from '../inbox/inbox-runner.js';
import type { Logger } from '../logger.js';
import { COMMAND_NAME } from './commands/compute-advice-command.js';
import { parseCommand } from './commands/parse-command.js';
import { slackInboxBody } from './inbox-body.js';
import { readSignOffSubmission } from './views/signoff-modals.js';

export type SlackInboxOptions = Pick<InboxRunnerOptions, 'concurrency' | 'maxQueued' | 'leaseMs' | 'sweepMs' | 'maxAttempts'>;

/** The custom property carrying a request's signed timestamp (seconds), set by the HTTP receiver. */
export const SIGNED_AT = 'slackRequestSignedAtSec';

/** How far ahead of this server's clock a signature may be dated: clocks drift, a replay kept for later does not. */
const MAX_FUTURE_SKEW_MS = 60_000;

const INBOX_FULL_TEXT = 'Sorry, I have too much waiting to take that now: please try again in a minute.';

/**
 * The delivery a redelivery repeats: an event's event_id, a slash command's trigger_id (Slack sends a command once;
 * the same signed request sent again is a replay). Clicks are deduped by the conversation, per click.
 */
function slackDeliveryKey(body: Record<string, unknown>): string | undefined {
  if (typeof body.event_id === 'string') return `slack:inbox:event:${body.event_id}`;
  if (typeof body.command === 'string' && typeof body.trigger_id === 'string') return `slack:inbox:command:${body.trigger_id}`;
  const view = body.view as { id?: unknown } | undefined;
  if (body.type === 'view_submission' && typeof view?.id === 'string') return `slack:inbox:view:${view.id}`;
  return undefined;
}

/** `/compute-advice help` (or no text): answered on the acknowledgement itself, so there is nothing to keep. */
function answeredOnAck(body: Record<string, unknown>): boolean {
  return body.command === COMMAND_NAME && parseCommand(String(body.text ?? '')).kind === 'help';
}

/**
 * Puts the inbox between Bolt's receiver (which has verified the signature) and the listeners: a request is checked,
 * recorded in the database, then acknowledged; the listeners run later from the inbox, with a no-op ack. When the request
 * cannot be recorded it is not acknowledged as received: an event gets a 500 (Slack retries it), a command is told.
 */
export function installSlackInbox(app: App, inbox: InboxService, logger: Logger, options: SlackInboxOptions = {}): InboxRunner {
  const processNow = app.processEvent.bind(app);
  const runner = new InboxRunner({
    platform: 'slack',
    inbox,
    logger,
    ...options,
    replay: (row) => processNow({ body: row.body as ReceiverEvent['body'], ack: async () => {} }),
  });

  app.processEvent = async (event: ReceiverEvent): Promise<void> => {
    const signedAtSec = event.customProperties?.[SIGNED_AT];
    if (typeof signedAtSec === 'number' && signedAtSec * 1000 > Date.now() + MAX_FUTURE_SKEW_MS) {
      // Bolt answers an AuthorizationError with 401, before anything is stored or acknowledged
      throw new AuthorizationError('the request is signed with a timestamp in the future', new Error('future timestamp'));
    }
    const checked = slackInboxBody(event.body);
    if (!checked.ok) {
      // nothing we listen for: acknowledged so Slack does not retry it, never queued
      logger.warn({ problem: checked.problem }, 'Slack request not handled: it is not one this app takes');
      await event.ack();
      return;
    }
    if (checked.body.type === 'view_submission') {
      // a wrong field keeps the modal open with the error on the acknowledgement; nothing is recorded
      const read = readSignOffSubmission(checked.body.view as Parameters<typeof readSignOffSubmission>[0]);
      if (read === null || 'errors' in read) {
        await event.ack(read === null ? undefined : { response_action: 'errors', errors: read.errors });
        return;
      }
    }
    if (answeredOnAck(checked.body)) {
      await runner.track(() => processNow({ ...event, body: checked.body as ReceiverEvent['body'] }));
      return;
    }
    const isCommand = typeof checked.body.command === 'string';
    let outcome: Awaited<ReturnType<InboxRunner['accept']>>;
    try {
      outcome = await runner.accept(checked.body, slackDeliveryKey(checked.body));
    } catch (error) {
      if (!(error instanceof StorageError) || !isCommand) throw error;
      logger.error({ failure: error.failure }, 'could not record a Slack command');
      await event.ack({ response_type: 'ephemeral', text: texts.storageFailed(error.failure) });
      return;
    }
    if (outcome === 'full') {
      logger.warn('the inbox is full: a Slack request was refused');
      if (!isCommand) throw new Error('inbox full: not acknowledged, so Slack retries later');
      await event.ack({ response_type: 'ephemeral', text: INBOX_FULL_TEXT });
      return;
    }
    if (outcome === 'duplicate') logger.info('a Slack delivery seen before was acknowledged again and not queued');
    await event.ack();
  };
  return runner;
}
