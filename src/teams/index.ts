/**
 * Microsoft Teams, through botbuilder 4.23 (the Bot Framework SDK, archived by Microsoft). Everything that imports
 * botbuilder lives in this folder; the conversation (src/conversation) and the Teams renderer are SDK-free.
 */
export { createTeamsBot, ComputeAdviceTeamsBot } from './teams-bot.js';
export type { TeamsBot, TeamsBotOptions, ProactiveTarget, ProactiveMessage } from './teams-bot.js';
export { startTeamsServer, createTeamsRequestListener, TEAMS_MESSAGES_PATH } from './teams-server.js';
export type { TeamsServer, StartTeamsServerOptions, TeamsRequestListenerOptions } from './teams-server.js';
export { teamsDedupeKey } from './teams-turn.js';
export type { TeamsInbound, OutgoingMessage } from './teams-message.js';
