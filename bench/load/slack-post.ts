/** A chat.postMessage the fake Slack Web API received, as the load generator sees it. */
export interface SlackPost {
  channel: string;
  threadTs: string | null;
  ts: string;
  blocks: unknown[];
  /** monoMs() when it arrived. */
  at: number;
}

/** The bot identity the fake's auth.test answers with. */
export const FAKE_BOT = { userId: 'UBOTLOAD', botId: 'BBOTLOAD', teamId: 'T0TEST' };
