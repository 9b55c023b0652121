/**
 * The local-mode playground: a page that talks to the real Teams bot over POST /api/messages (auth off), a tiny
 * Bot Connector the bot replies to, and the Adaptive Cards renderer served from node_modules. See docs/PLAYGROUND.md.
 */
export { createPlaygroundHandler } from './playground-handler.js';
export type { PlaygroundHandler, PlaygroundHandlerOptions } from './playground-handler.js';
export { PlaygroundConnector } from './bot-connector.js';
export type { ConnectorEvent, ConnectorEventKind, ConnectorLimits } from './bot-connector.js';
export type { ReviewSummary, PlaygroundServices } from './playground-api.js';
export { PLAYGROUND_BOT, PLAYGROUND_PATHS, PLAYGROUND_TENANT_ID, PLAYGROUND_USER } from './local-identity.js';
