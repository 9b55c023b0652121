import type { DigestView } from '../digest/digest-view.js';
import type { ReminderNotice } from '../digest/reminder-notice.js';
import type { DigestSubscription, Review } from '../storage/index.js';

/** `retryInMs`: the post is postponed, and the turn's work is tried again after that long. */
export type PostResult = { ok: true; ref: string | undefined } | { ok: false; code: string; retryInMs?: number };

/** A file for the review's thread. */
export interface ThreadFile {
  fileName: string;
  title: string;
  content: string;
}

/** How a file upload went: 'no_scope' when the app may not upload files (Slack without files:write). */
export type UploadResult = 'uploaded' | 'no_scope' | 'failed';

/** How the conversation answers during a turn. M is the platform's rendered message (blocks, an Adaptive Card). */
export interface Outbox<M> {
  /** Posts in the review's thread (no review: a new top-level message where the turn happened); `broadcast` also shows it in the channel. */
  post(message: M, options?: { review?: Review; broadcast?: boolean }): Promise<PostResult>;
  /** Replaces a message the bot posted in the review's thread earlier (a question once answered). False when it could not. */
  update(review: Review, ref: string, message: M): Promise<boolean>;
  /** Says something to the person who acted (privately where the platform can). */
  tell(message: M): Promise<void>;
  /** True when `tell` reaches only that person (Slack ephemerals); false when the whole conversation sees it. */
  readonly tellsPrivately: boolean;
  /** Attaches a file in the review's thread; absent where the platform has no file upload for bots. */
  upload?(review: Review, file: ThreadFile): Promise<UploadResult>;
}

/** How the digest scheduler reaches a platform outside any turn, on a client of the adapter's own. Each throws on failure. */
export interface ProactiveOutbox {
  /** A weekly digest as a new message in the subscribed channel. */
  postDigest(subscription: DigestSubscription, view: DigestView): Promise<void>;
  /** A reminder or expiry note in a review's thread. */
  postReminder(review: Review, notice: ReminderNotice): Promise<void>;
}
