import type { Outbox } from '../conversation/index.js';
import { currentInboxJob } from '../inbox/current-job.js';
import type { SlackMessage } from './slack-renderer.js';
import type { Audience, SlackClient, SlackDeps } from './slack-deps.js';
import { callSlack, postMessage, replaceClickedMessage, tellUser, updateMessage } from './slack-post.js';

export interface SlackTurnPlace {
  /** The channel the turn happened in: where a new top-level message goes. */
  channel: string;
  /** Who acted, and how to reach only them (response_url, chat.postEphemeral). */
  audience: Audience;
  /** The message a clicked button sat on: replaced through the click's response_url rather than chat.update. */
  clickedTs?: string | undefined;
}

/**
 * The conversation's outbox for one Slack turn, over the Web API: posts in the review's thread with unfurling off,
 * updates on the update client (or the click's response_url), and tells the person privately.
 */
export function slackOutbox(deps: SlackDeps, client: SlackClient, place: SlackTurnPlace): Outbox<SlackMessage> {
  return {
    tellsPrivately: true,
    async post(message, options = {}) {
      const review = options.review;
      const posted = await postMessage(
        deps,
        client,
        {
          channel: review?.channelId ?? place.channel,
          threadTs: review?.threadRef ?? null,
          broadcast: options.broadcast === true,
          ...message,
        },
        review ? { reviewId: review.id } : {},
      );
      if (posted.ok) return { ok: true, ref: posted.value };
      if (posted.retryInMs === undefined) return posted;
      // rate-limited for longer than a reply may wait: the request stays in the inbox and its turn runs again then
      const job = currentInboxJob();
      if (!job) return { ok: false, code: posted.code };
      job.postpone(posted.retryInMs);
      return posted;
    },
    async update(review, ts, message) {
      const context = { reviewId: review.id };
      const respond = place.audience.respond;
      if (
        ts === place.clickedTs &&
        respond &&
        (await replaceClickedMessage(deps, respond, { channel: review.channelId, ...message }, context))
      )
        return true;
      return updateMessage(deps, deps.updateClient ?? client, { channel: review.channelId, ts, ...message }, context);
    },
    async tell(message) {
      await tellUser(deps, client, place.audience, message.text, message);
    },
    async upload(review, file) {
      if (!review.threadRef) return 'failed';
      const threadTs = review.threadRef;
      // files.getUploadURLExternal, the upload itself, then files.completeUploadExternal into the thread
      const uploaded = await callSlack(deps, 'files.uploadV2', { channel: review.channelId, reviewId: review.id }, () =>
        client.filesUploadV2({
          channel_id: review.channelId,
          thread_ts: threadTs,
          content: file.content,
          filename: file.fileName,
          title: file.title,
        }),
      );
      if (uploaded.ok) return 'uploaded';
      // an app installed before it asked for files:write: the link alone will do
      return uploaded.code === 'missing_scope' ? 'no_scope' : 'failed';
    },
  };
}
