/** The chat conversation, once for every surface: no chat SDK in this folder. */
export { Conversation, LIST_LIMIT, type ConversationDeps } from './conversation.js';
export type { Actor, Intent, IntentKind, Turn, TurnFacts, Where } from './intents.js';
export { boundInboundText, MAX_INBOUND_TEXT, NO_FACTS } from './intents.js';
export type { Outbox, PostResult, ProactiveOutbox, ThreadFile, UploadResult } from './outbox.js';
export type { AdrExportReply, Renderer, RetiredReason, QuestionStep, SignOffAsk } from './renderer.js';
export { adrExportTexts, notParticipantText, reaskText, texts } from './texts.js';
