/** The chat conversation, once for every surface: no chat SDK in this folder. */
export { Conversation, LIST_LIMIT, type ConversationDeps } from './conversation.js';
export type { Actor, Intent, IntentKind, Turn, TurnFacts, Where } from './intents.js';
export { boundInboundText, MAX_INBOUND_TEXT } from './intents.js';
export type { Outbox, PostResult, ProactiveOutbox } from './outbox.js';
export type { Renderer, RetiredReason, QuestionStep } from './renderer.js';
export { notParticipantText, reaskText, texts } from './texts.js';
