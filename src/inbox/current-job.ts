import { AsyncLocalStorage } from 'node:async_hooks';
import type { InboxJob } from './inbox-runner.js';

const jobs = new AsyncLocalStorage<InboxJob>();

/** Runs work as the given inbox job: whatever it calls can ask currentInboxJob() (a platform SDK sits in between). */
export function runAsInboxJob<T>(job: InboxJob, work: () => Promise<T>): Promise<T> {
  return jobs.run(job, work);
}

/** The inbox job this code runs for, if any. */
export function currentInboxJob(): InboxJob | undefined {
  return jobs.getStore();
}
