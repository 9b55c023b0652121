/** Weekly digests and stalled-interview reminders: what the adapters and main.ts use. */
export { parseDigestCommand, isDigestCommand, DIGEST_USAGE, type DigestCommand, type DigestCommandParse } from './digest-command.js';
export {
  applyDigestCommand,
  changesDigest,
  type DigestCommandPlace,
  type DigestCommandResult,
  type DigestCommandOptions,
} from './apply-digest-command.js';
export type { DigestReply } from './digest-reply.js';
export { buildDigest, type BuildDigestOptions, type DigestTarget } from './build-digest.js';
export type { DigestView } from './digest-view.js';
export { renderDigestBlocks, type SlackDigestMessage } from './digest-blocks.js';
export { renderDigestCard } from './digest-card.js';
export {
  createDigestScheduler,
  type DigestScheduler,
  type DigestSchedulerOptions,
  type DigestLogger,
  type TickReport,
} from './digest-scheduler.js';
export type { ReminderNotice } from './reminder-notice.js';
export { dueRuns, nextOccurrence, occurrenceInWeek, runKey, type DueRun, type WeeklySchedule } from './schedule.js';
export { isoWeekKey } from './zoned-time.js';
export type { DigestStore, DigestSubscription } from '../storage/digest-repository.js';
