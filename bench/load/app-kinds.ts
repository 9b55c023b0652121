/** Shared by the load bench's app processes and the load generator. */
export const LOAD_SIGNING_SECRET = 'load-bench-signing-secret';
export const LOAD_BOT_TOKEN = 'xoxb-load-bench-token';

export type Stop = () => Promise<void>;

export interface StartedApp {
  slackPort?: number | null;
  teamsPort?: number | null;
  stop: Stop;
}
