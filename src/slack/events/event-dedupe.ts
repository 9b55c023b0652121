import type { App } from '@slack/bolt';
import type { SlackDeps } from '../slack-deps.js';
import { postMissingStep } from '../review-thread.js';

/** The dedupe key of an Events API delivery: Slack's event_id is unique across retries. */
export function eventKey(eventId: string): string {
  return `slack:event:${eventId}`;
}

/**
 * Drops Events API deliveries already handled (recorded in SQLite) or being handled right now (a retry sent with
 * x-slack-retry-num while the first delivery is still running). Handlers record the key once their work succeeded;
 * answers record it in the same transaction as the answer.
 */
export function registerEventDedupe(app: App, deps: SlackDeps): void {
  app.use(async ({ body, context, next, client }) => {
    const eventId = (body as { type?: string; event_id?: unknown }).type === 'event_callback' ? (body as { event_id?: unknown }).event_id : undefined;
    if (typeof eventId !== 'string') {
      await next();
      return;
    }
    const key = eventKey(eventId);
    if (deps.eventsInFlight.has(key)) {
      deps.logger.debug({ eventId, retryNum: context.retryNum }, 'duplicate event delivery dropped (in flight)');
      return;
    }
    if (deps.services.store.events.hasProcessed(key)) {
      deps.logger.debug({ eventId, retryNum: context.retryNum }, 'duplicate event delivery dropped');
      // The work was stored, but a crash may have come before its reply was posted: post what is missing.
      const event = (body as { event?: { channel?: unknown; thread_ts?: unknown; ts?: unknown; user?: unknown } }).event;
      const channel = event?.channel;
      const threadTs = event?.thread_ts ?? event?.ts;
      if (typeof channel === 'string' && typeof threadTs === 'string') {
        deps.work.defer(() => postMissingStep(deps, client, channel, threadTs, typeof event?.user === 'string' ? event.user : ''));
      }
      return;
    }
    deps.eventsInFlight.add(key);
    try {
      await next();
    } finally {
      deps.eventsInFlight.delete(key);
    }
  });
}

/** Records that an event's work is done, so a later redelivery is dropped. */
export function markEventDone(deps: SlackDeps, eventId: string | undefined): void {
  if (eventId) deps.services.store.events.markProcessed(eventKey(eventId), 'slack', deps.services.clock.now());
}
