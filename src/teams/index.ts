/**
 * Microsoft Teams, through botbuilder 4.23 (the Bot Framework SDK, archived by Microsoft). Everything that imports
 * botbuilder lives in this folder; the interview itself (interview-controller.ts) is SDK-free.
 */
export { createTeamsBot, ComputeAdviceTeamsBot } from './teams-bot.js';
export type { TeamsBot, TeamsBotOptions, ProactiveTarget, ProactiveMessage } from './teams-bot.js';
export { startTeamsServer, createTeamsRequestListener, TEAMS_MESSAGES_PATH } from './teams-server.js';
export type { TeamsServer, StartTeamsServerOptions, TeamsRequestListenerOptions } from './teams-server.js';
export { TeamsInterviewController, teamsDedupeKey } from './interview-controller.js';
export type { TeamsInbound, TeamsOutbox, OutgoingMessage } from './teams-message.js';
