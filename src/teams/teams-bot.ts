import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  CallerIdConstants,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TeamsActivityHandler,
  type Activity,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import { type AuthenticateRequestResult, AuthenticationConstants, ClaimsIdentity } from 'botframework-connector';
import type { AppServices } from '../app/services.js';
import { type HealthCheck, storageHealthCheck } from '../http/health.js';
import { Conversation, type ProactiveOutbox } from '../conversation/index.js';
import { renderDigestCard } from '../digest/digest-card.js';
import type { TeamsConfig } from '../config.js';
import { ProactiveTargetError, StorageError } from '../errors.js';
import { currentInboxJob } from '../inbox/current-job.js';
import { InboxRunner, type InboxRunnerOptions } from '../inbox/inbox-runner.js';
import type { Logger } from '../logger.js';
import type { AdaptiveCard } from '../render/adaptive-card-types.js';
import { noticeCard } from '../render/notices.js';
import type { Review } from '../storage/index.js';
import { outboxFor, teamsFacts, toActivity, toInbound, teamsPlace } from './botbuilder-turn.js';
import { teamsRenderer } from './teams-renderer.js';
import { teamsRequest } from './teams-turn.js';
import { DEFAULT_BODY_LIMIT_BYTES, expressLikeResponse, readJsonBody } from './http-body.js';
import { sendJsonError } from '../http/json-body.js';
import { isLoopbackUrl } from '../http/loopback.js';
import { checkActivity } from './activity-schema.js';
import { useTimedOpenIdMetadata } from './openid-keys.js';
import { routeSdkConsole } from './sdk-console.js';
import { handleSignOffInvoke, type SignOffInvokeDeps } from './signoff-invoke.js';
import type { OutgoingMessage } from './teams-message.js';

export interface TeamsBotOptions {
  /** undefined (no MicrosoftAppId): auth is off, for local use and the Bot Framework Emulator only. */
  config: TeamsConfig | undefined;
  services: AppServices;
  logger: Logger;
  /** The credential-free local playground, on loopback: an unauthenticated endpoint is expected, not alarming. */
  localMode?: boolean;
  /** Largest accepted request body; default 1 MB. */
  bodyLimitBytes?: number;
  /** ADMIN_USER_IDS: may change digests besides team owners (Teams ids or Entra object ids). */
  adminUserIds?: readonly string[];
  /** Where the channel's token signing keys are published (ToBotFromChannelOpenIdMetadataUrl); default Microsoft's. */
  openIdMetadataUrl?: string;
  /** How long fetching those keys may take; default OPENID_FETCH_TIMEOUT_MS. */
  openIdTimeoutMs?: number;
  /** The inbox's lease and sweep timings (tests shorten them). */
  inbox?: Pick<InboxRunnerOptions, 'leaseMs' | 'sweepMs' | 'maxAttempts'>;
}

/** A stored ConversationReference (plain JSON from the database) or a review that carries one. */
export type ProactiveTarget = Review | Record<string, unknown>;
/** A card, a plain text line, or both. */
export type ProactiveMessage = AdaptiveCard | string | OutgoingMessage;

export interface TeamsBot {
  adapter: CloudAdapter;
  bot: ComputeAdviceTeamsBot;
  /** False when no MicrosoftAppId is configured. */
  authEnabled: boolean;
  /** MicrosoftAppId, or '' with auth off. */
  appId: string;
  /** Handles POST /api/messages on a node:http server (parses the JSON body itself). */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Posts into a stored conversation (a review's reply chain) outside any turn; resolves with the activity id. */
  sendProactive(target: ProactiveTarget, message: ProactiveMessage): Promise<string | undefined>;
  /** Digests and reminders, for the digest scheduler. */
  proactive: ProactiveOutbox;
  /**
   * Resolves once every turn has finished sending its replies (message turns answer Teams before they reply), or
   * after timeoutMs with false.
   */
  idle(timeoutMs?: number): Promise<boolean>;
  /** Takes up what a process that stopped left in the inbox, and keeps looking (the server calls it once listening). */
  start(): void;
  /**
   * Waits up to `deadlineMs` for turns in hand, then leaves the unfinished ones in the inbox for the next start.
   * True when everything finished.
   */
  stop(deadlineMs: number): Promise<boolean>;
  /** Stops routing botbuilder's console output to this bot's log. */
  close(): void;
  /** GET /healthz: degraded while the database refuses writes. */
  health: HealthCheck;
}

/** turnState key of the function that answers Teams' request with 200 before the turn has finished. */
export const ACKNOWLEDGE_TURN = Symbol('computeAdvice.acknowledgeTurn');

/** The activity handler: messages (typed text and Action.Submit) and the personal-chat welcome. */
export class ComputeAdviceTeamsBot extends TeamsActivityHandler {
  constructor(
    conversation: Conversation<OutgoingMessage>,
    logger: Logger,
    adminUserIds: ReadonlySet<string> = new Set(),
    private readonly signOff?: SignOffInvokeDeps,
  ) {
    super();
    this.onMessage(async (context, next) => {
      const out = outboxFor(context, logger);
      const inbound = toInbound(context.activity);
      const request = teamsRequest(inbound, teamsFacts(context, inbound, adminUserIds, logger));
      // taken from the inbox after the process that acknowledged it stopped: its replies may never have been sent
      if (request.kind === 'turn' && currentInboxJob()?.resumed) request.turn.resumed = true;
      // The message is already in the inbox (recorded before this turn ran), so a stop before the replies loses
      // nothing: answer Teams now and send the replies after, so the connector's round trips never hold up the
      // acknowledgement.
      const replies = request.kind === 'turn' ? conversation.handle(request.turn, out) : out.tell(teamsRenderer.notice(request.text));
      (context.turnState.get(ACKNOWLEDGE_TURN) as (() => void) | undefined)?.();
      await replies;
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const place = teamsPlace(context.activity);
      const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === botId);
      if (botAdded && place.conversationType === 'personal')
        await outboxFor(context, logger).tell(
          teamsRenderer.help({ platform: 'teams', workspaceId: place.tenantId, channelId: place.channelId, directChat: true }),
        );
      await next();
    });
  }

  /** Universal Actions (Action.Execute) on sign-off cards; anything else is not implemented. */
  protected override async onAdaptiveCardInvoke(context: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    if (!this.signOff) return super.onAdaptiveCardInvoke(context, value);
    return handleSignOffInvoke(this.signOff, toInbound(context.activity), outboxFor(context, this.signOff.logger), value.action);
  }
}

/** What to tell people when a turn failed unexpectedly. */
export const TURN_FAILED_TEXT =
  'Sorry, something went wrong while I was replying. Anything you answered is saved: mention me in this thread to see the current question.';

const JWT_SHAPE = /^Bearer [A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

function normalizeMessage(message: ProactiveMessage): OutgoingMessage {
  if (typeof message === 'string') return { text: message };
  if ('type' in message && message.type === 'AdaptiveCard') return { card: message };
  return message as OutgoingMessage;
}

function referenceOf(target: ProactiveTarget): Partial<ConversationReference> {
  const ref = 'serviceUrl' in target && 'conversation' in target ? target : (target as Review).conversationRef;
  if (!ref || typeof ref !== 'object' || typeof ref.serviceUrl !== 'string' || !ref.conversation) {
    throw new ProactiveTargetError('no stored Teams conversation reference to post to (was this review started in Teams?)');
  }
  return ref as Partial<ConversationReference>;
}

/**
 * The public cloud's settings with another place for the channel's signing keys: botbuilder takes any one of these
 * settings as the sign that all of them are given, so the rest are the public cloud's own values.
 */
function publicCloudWithKeysAt(openIdMetadataUrl: string): Record<string, string | boolean> {
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

/**
 * Wires botbuilder: CloudAdapter with ConfigurationBotFrameworkAuthentication (MicrosoftAppId, MicrosoftAppPassword,
 * MicrosoftAppType, MicrosoftAppTenantId), the activity handler and the interview controller.
 */
export function createTeamsBot(options: TeamsBotOptions): TeamsBot {
  const { config, services, logger } = options;
  const log = logger.child({ component: 'teams' });
  const appId = config?.appId ?? '';
  const authEnabled = appId !== '';
  useTimedOpenIdMetadata(options.openIdTimeoutMs);
  const unrouteConsole = routeSdkConsole(log);
  const auth = new ConfigurationBotFrameworkAuthentication({
    ...(options.openIdMetadataUrl ? publicCloudWithKeysAt(options.openIdMetadataUrl) : {}),
    ...(config?.appId ? { MicrosoftAppId: config.appId } : {}),
    ...(config?.appPassword ? { MicrosoftAppPassword: config.appPassword } : {}),
    ...(config?.appType ? { MicrosoftAppType: config.appType } : {}),
    ...(config?.tenantId ? { MicrosoftAppTenantId: config.tenantId } : {}),
  });
  const adapter = new CloudAdapter(auth);
  if (!authEnabled && options.localMode) {
    // The local mode listens on loopback only: nothing outside this machine reaches the unauthenticated endpoint.
    log.info('Teams authentication is off for the local playground (this machine only)');
  } else if (!authEnabled) {
    log.warn(
      '!!! Teams authentication is OFF: MicrosoftAppId is not set, so POST /api/messages accepts UNAUTHENTICATED requests. ' +
        'Use this only on your machine or with the Bot Framework Emulator; set MicrosoftAppId and MicrosoftAppPassword for Teams. !!!',
    );
  }

  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    log.error({ err: error, activityId: context.activity?.id, conversationId: context.activity?.conversation?.id }, 'teams turn failed');
    try {
      await context.sendActivity(toActivity({ card: noticeCard(TURN_FAILED_TEXT) }));
    } catch (sendError) {
      log.warn({ err: sendError }, 'could not tell the user about the failed turn');
    }
  };

  const conversation = new Conversation<OutgoingMessage>({ services, renderer: teamsRenderer, logger: log });
  const bot = new ComputeAdviceTeamsBot(conversation, log, new Set(options.adminUserIds ?? []), { conversation, services, logger: log });
  const inbox = new InboxRunner({
    platform: 'teams',
    inbox: services.inbox,
    logger: log,
    ...options.inbox,
    // a message a stopped process acknowledged, run again as the bot itself (its request's token is long gone)
    replay: (row) => adapter.processActivityDirect(replayIdentity(), row.body as Activity, (context) => bot.run(context)),
  });
  /** What a proactive turn runs as: the bot's own identity, replying with its own credentials. */
  function replayIdentity(): AuthenticateRequestResult {
    const claimsIdentity = new ClaimsIdentity([
      { type: AuthenticationConstants.AudienceClaim, value: appId },
      { type: AuthenticationConstants.AppIdClaim, value: appId },
    ]);
    // no audience, as in botbuilder's own proactive turns: the connector factory uses the configured cloud's scope
    return { claimsIdentity, connectorFactory: auth.createConnectorFactory(claimsIdentity) } as AuthenticateRequestResult;
  }
  const limit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return sendJsonError(res, 405, 'use POST');
    }
    // Fail fast, before reading the body or touching botbuilder's token validation: no token, no turn.
    const authorization = req.headers.authorization ?? '';
    if (authEnabled && !JWT_SHAPE.test(authorization)) {
      req.resume();
      return sendJsonError(res, 401, 'Unauthorized: a Bot Framework bearer token is required');
    }
    const body = await readJsonBody(req, limit);
    if (!body.ok) return sendJsonError(res, body.status, body.message);
    const checked = checkActivity(body.body);
    if (!checked.ok) return sendJsonError(res, 400, checked.message);
    // Unauthenticated, the bot would post wherever a caller points it: only to a connector on this machine.
    if (!authEnabled && !isLoopbackUrl(checked.activity.serviceUrl)) {
      return sendJsonError(res, 400, 'serviceUrl must be on this machine (127.0.0.1, ::1 or localhost) while authentication is off');
    }
    if (authEnabled) {
      // Verify before the turn so every failure is a 401: botbuilder itself answers 500 (with the error text) when it
      // cannot fetch the OpenID metadata to check a JWT-shaped token. adapter.process verifies again (cached keys).
      try {
        await auth.authenticateRequest(checked.activity as unknown as Activity, authorization);
      } catch (error) {
        log.warn({ reason: error instanceof Error ? error.message : String(error) }, 'teams request refused: token not valid');
        return sendJsonError(res, 401, 'Unauthorized: the bearer token could not be verified');
      }
    }
    const request = { body: checked.activity, headers: req.headers as Record<string, string | string[] | undefined>, method: req.method };
    const response = expressLikeResponse(res);
    // Invokes carry their answer in the response body, so only message turns are acknowledged early (see the bot);
    // what botbuilder writes after an early 200 is dropped by the response wrapper.
    const acknowledge = () => void response.status(200).end();
    const held = checked.activity.type === 'message' ? await holdInInbox(checked.activity) : undefined;
    try {
      await inbox.track(() =>
        adapter.process(request, response, (context) => {
          context.turnState.set(ACKNOWLEDGE_TURN, acknowledge);
          return bot.run(context);
        }),
      );
    } catch (error) {
      log.error({ err: error }, 'teams request failed');
      sendJsonError(res, 500, 'internal error');
    } finally {
      if (held !== undefined) await inbox.finish(held);
    }
  }

  /**
   * Records a message in the inbox before it is acknowledged, so a process that stops after the 200 and before its
   * replies leaves it for the next start. Unrecorded (a database that refuses writes), the turn still runs: it tells
   * the person nothing was stored.
   */
  async function holdInInbox(activity: unknown): Promise<number | undefined> {
    try {
      const outcome = await inbox.hold(activity);
      if (outcome.kind === 'held') return outcome.id;
      log.warn({ outcome: outcome.kind }, 'a Teams message was not recorded in the inbox');
    } catch (error) {
      if (!(error instanceof StorageError)) throw error;
      log.error({ failure: error.failure }, 'could not record a Teams message in the inbox');
    }
    return undefined;
  }

  async function sendProactive(target: ProactiveTarget, message: ProactiveMessage): Promise<string | undefined> {
    const reference = referenceOf(target);
    let id: string | undefined;
    await adapter.continueConversationAsync(appId, reference, async (context) => {
      const response = await context.sendActivity(toActivity(normalizeMessage(message)));
      id = response?.id;
    });
    return id;
  }

  const proactive: ProactiveOutbox = {
    async postDigest(subscription, view) {
      if (!subscription.conversationRef)
        throw new ProactiveTargetError(`Teams channel ${subscription.channelId} has no stored conversation reference`);
      await sendProactive(subscription.conversationRef, renderDigestCard(view));
    },
    async postReminder(review, notice) {
      await sendProactive(review, notice.teams);
    },
  };

  return {
    adapter,
    bot,
    authEnabled,
    appId,
    handle,
    sendProactive,
    proactive,
    idle: (timeoutMs) => inbox.idle(timeoutMs),
    start: () => inbox.start(),
    stop: (deadlineMs) => inbox.stop(deadlineMs),
    close: unrouteConsole,
    health: storageHealthCheck(services),
  };
}
