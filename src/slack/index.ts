export { createSlackApp, INTERACTIVE_RETRY_CONFIG, SLACK_EVENTS_PATH } from './slack-app.js';
export type { CreateSlackAppOptions, SlackAppHandle } from './slack-app.js';
export { COMMAND_NAME } from './commands/compute-advice-command.js';
