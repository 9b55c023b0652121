/**
 * One organisation setup, every surface: the two example lenses on (as LENS_PATHS gives them to the server), the same
 * workload answered on Slack (Bolt over HTTP, fake Web API), Teams (botbuilder over HTTP, fake Bot Connector) and the
 * playground (its HTTP API and Bot Connector, as the page uses them), and evaluated by the built CLI from a profile
 * file. Each gives the same recommendation, shaped by the lenses: the ban, the golden paths, the discount, the
 * organisation's defaults, the custom questions (asked in the chat and stored with the answers).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/app/services.js';
import { MODEL_LABELS } from '../../src/core/models.js';
import type { Recommendation } from '../../src/core/recommendation.js';
import { createLogger } from '../../src/logger.js';
import { createPlaygroundHandler } from '../../src/playground/index.js';
import { createTeamsBot, type TeamsBot } from '../../src/teams/teams-bot.js';
import { startTeamsServer, type TeamsServer } from '../../src/teams/teams-server.js';
import { runCli } from '../cli/cli-helpers.js';
import { EXAMPLE_LENSES } from '../core/decision-helpers.js';
import { latestReviewOf, postedMessage, replyInThread, runCommand } from '../slack/helpers/interview-driver.js';
import { startSlackHarness, type SlackHarness } from '../slack/helpers/slack-harness.js';
import { newChannelId, TEAM_ID } from '../slack/helpers/slack-payloads.js';
import {
  ALEX,
  cardText,
  CHANNEL_ID,
  firstCard,
  isRecommendationCard,
  latestQuestion,
  mentionActivity,
  nextActivityId,
  startHarness,
  type Harness,
} from '../teams/helpers/teams-harness.js';
import { validateAdaptiveCard } from '../render/helpers/adaptive-card-validate.js';

const NAME = 'lens-api';

/** What a person types for each question; the cloud and the cluster are skipped, so the Acme lens's defaults apply. */
const TYPED: Record<string, string> = {
  workload_kind: 'api',
  cloud_provider: 'skip',
  state_location: 'stateless',
  traffic_shape: 'steady',
  request_rate: '200 req/s',
  typical_duration: '100 ms',
  latency_target: '300 ms',
  peak_memory: '1024 MB',
  os_needs: 'any linux',
  compliance_isolation: 'standard',
  special_hardware: 'none',
  language_runtime: 'go',
  container_skills: 'strong',
  existing_cluster: 'skip',
  portability: 'none',
  edge_placement: 'no',
  data_classification: 'confidential',
  eu_personal_data: 'yes',
};

/** The same answers as a profile file, for the CLI: only the fields the interview asks (see ASKED). */
const PROFILE = `name: ${NAME}
kind: api
state: stateless
traffic: steady
avgRequestsPerSecond: 200
durationSeconds: 0.1
latencyTargetMs: 300
memoryMb: 1024
isolation: standard
runtime: go
containerSkills: strong
portability: none
custom: { data_classification: confidential, eu_personal_data: true }
`;

/**
 * The questions each chat asks, in order: the edge question is not among them (Acme's ban leaves no model it concerns),
 * and neither are the OS and hardware ones (what they concern is settled); the lens questions come last.
 */
const ASKED = [
  'workload_kind',
  'cloud_provider',
  'state_location',
  'traffic_shape',
  'request_rate',
  'typical_duration',
  'latency_target',
  'peak_memory',
  'compliance_isolation',
  'language_runtime',
  'container_skills',
  'existing_cluster',
  'portability',
  'data_classification',
  'eu_personal_data',
];

const STORED_ANSWERS = { data_classification: 'confidential', eu_personal_data: true, cloud_provider: null, existing_cluster: null };

let dir: string;
let fromCli: Recommendation;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ca-lens-surfaces-'));
  const profile = path.join(dir, 'profile.yaml');
  writeFileSync(profile, PROFILE);
  const { code, stdout, stderr } = runCli(['evaluate', '--json', ...EXAMPLE_LENSES.flatMap((lens) => ['--lens', lens]), profile], {
    databasePath: path.join(dir, 'cli.db'),
  });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  fromCli = JSON.parse(stdout);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Types the planned answer to each question the review asks until it is complete; returns the questions asked. */
async function typeEveryAnswer(services: Services, reviewId: string, type: (text: string) => Promise<unknown>): Promise<string[]> {
  const asked: string[] = [];
  for (let step = await services.reviews.step(reviewId); step?.kind === 'question'; step = await services.reviews.step(reviewId)) {
    asked.push(step.question.id);
    const text = TYPED[step.question.id];
    if (text === undefined || asked.length > 30) throw new Error(`no typed answer for ${step.question.id}`);
    await type(text);
  }
  return asked;
}

/** The recommendation a chat surface stored, as JSON would carry it (what the CLI prints). */
function asJson(recommendation: Recommendation | undefined): unknown {
  return JSON.parse(JSON.stringify(recommendation));
}

describe('the CLI with the example lenses', () => {
  it('shows what the lenses did: the defaults, the ban, the links, the discount, the custom answers', () => {
    expect(fromCli.profile).toMatchObject({ cloud: 'azure', existingCluster: true });
    expect(fromCli.verdicts.wasm_edge).toBe('unsuitable');
    expect(fromCli.ranking.find((r) => r.model === 'wasm_edge')?.reasons[0]).toBe(
      'Acme runs no edge platform: there is nowhere to deploy WebAssembly at the edge',
    );
    expect(fromCli.links?.containers?.[0]?.url).toBe('https://wiki.acme.example/platform/aks-golden-path');
    expect(fromCli.costEstimates.find((e) => e.model === 'containers')?.basis).toMatch(/less 30% \(lens acme-platform\)$/);
    expect(fromCli.inputs.customAnswers).toEqual(['data classification: Confidential', 'eu personal data: yes']);
    expect(fromCli.rulesVersion).toMatch(/;acme-platform@1\.2\.0#\w{12};northbank-data@3\.0\.1#\w{12}$/);
  });
});

describe('Slack with the example lenses', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({ lensPaths: EXAMPLE_LENSES });
  });
  afterAll(async () => {
    await h?.close();
  });

  const channel = newChannelId();

  it('asks the lens questions in the thread, stores the answers, and posts the same recommendation as the CLI', async () => {
    await runCommand(h, NAME, { user: 'ULENS', channel });
    const review = await latestReviewOf(h, TEAM_ID, 'ULENS');
    const asked = await typeEveryAnswer(h.services, review.id, (text) =>
      replyInThread(h, { user: 'ULENS', channel, threadTs: review.threadRef!, text }),
    );
    expect(asked).toEqual(ASKED);
    // Each lens question was posted in the thread like the built-in ones.
    const posted = (await h.services.store.messages.get(review.id, 'question', 'data_classification'))!;
    expect(postedMessage(h, posted.messageRef).params.thread_ts).toBe(review.threadRef);
    expect(JSON.stringify(postedMessage(h, posted.messageRef).params.blocks)).toContain('most sensitive data');
    expect(await h.services.store.answers.current(review.id)).toMatchObject(STORED_ANSWERS);

    expect(asJson(await h.services.reviews.latestRecommendation(review.id))).toEqual(fromCli);
    const card = postedMessage(h, (await h.services.store.messages.get(review.id, 'card'))!.messageRef);
    const blocks = JSON.stringify(card.params.blocks);
    expect(blocks).toContain('<https://wiki.acme.example/platform/aks-golden-path|AKS golden path (shared cluster)>');
    expect(blocks).toContain('Acme runs no edge platform');
    expect(blocks).toContain('less 30% (lens acme-platform)');
    expect(blocks).toContain('Lenses acme-platform 1.2.0, northbank-data 3.0.1');
  });

  it("the channel's digest lists the review with the lensed pick and names the lenses", async () => {
    const before = h.api.calls.length;
    await runCommand(h, 'digest preview', { user: 'ULENS', channel });
    const preview = JSON.stringify(h.api.calls.slice(before).map((call) => call.params));
    expect(preview).toContain(`${NAME}> → ${MODEL_LABELS[fromCli.recommended]}`);
    expect(preview).toContain('compute-advice · Lenses acme-platform 1.2.0, northbank-data 3.0.1 · ');
  });

  it('/compute-advice lens names the active lenses with their versions', async () => {
    await runCommand(h, 'lens', { user: 'ULENS', channel: newChannelId() });
    const reply = JSON.stringify(h.api.ok('response_url').pop()!.params);
    expect(reply).toContain('acme-platform 1.2.0');
    expect(reply).toContain('northbank-data 3.0.1');
  });
});

describe('Teams with the example lenses', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ lensPaths: EXAMPLE_LENSES });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('asks the lens questions in the reply chain, stores the answers, and posts the same recommendation as the CLI', async () => {
    const { connector } = h;
    const rootId = nextActivityId();
    await h.post(mentionActivity({ serviceUrl: connector.serviceUrl, from: ALEX, id: rootId, text: `compute-advice ${NAME}` }));
    const thread = `${CHANNEL_ID};messageid=${rootId}`;
    const asked: string[] = [];
    for (let turn = 0; turn < 30; turn++) {
      if (isRecommendationCard(connector.posted().at(-1)!)) break;
      const q = latestQuestion(connector)!;
      asked.push(q.questionId);
      const text = TYPED[q.questionId];
      if (text === undefined) throw new Error(`no typed answer for ${q.questionId}`);
      expect((await h.post(mentionActivity({ serviceUrl: connector.serviceUrl, from: ALEX, conversationId: thread, text }))).status).toBe(
        200,
      );
    }
    expect(asked).toEqual(ASKED);
    const review = (await h.services.store.reviews.listRecent(1))[0]!;
    expect(await h.services.store.answers.current(review.id)).toMatchObject(STORED_ANSWERS);
    expect(asJson(await h.services.reviews.latestRecommendation(review.id))).toEqual(fromCli);

    const card = firstCard(connector.posted().at(-1)!);
    expect(validateAdaptiveCard(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toContain('[AKS golden path \\(shared cluster\\)](https://wiki.acme.example/platform/aks-golden-path)');
    expect(text).toContain('Acme runs no edge platform');
    expect(text).toContain('Lenses acme-platform 1.2.0, northbank-data 3.0.1');
  });

  it("the channel's digest lists the review with the lensed pick and names the lenses", async () => {
    const { connector } = h;
    const mark = connector.calls.length;
    await h.post(mentionActivity({ serviceUrl: connector.serviceUrl, from: ALEX, text: 'compute-advice digest preview' }));
    const cards = connector.calls
      .slice(mark)
      .flatMap((call) => ((call.body as { attachments?: Array<{ content: unknown }> }).attachments ?? []).map((a) => a.content));
    for (const card of cards) expect(validateAdaptiveCard(card)).toEqual([]);
    const text = cards.map(cardText).join('\n');
    expect(text).toContain(`**${NAME}** → ${MODEL_LABELS[fromCli.recommended]}`);
    expect(text).toContain('compute-advice · Lenses acme-platform 1.2.0, northbank-data 3.0.1 · ');
  });

  it('"lens" names the active lenses with their versions', async () => {
    const { connector } = h;
    await h.post(mentionActivity({ serviceUrl: connector.serviceUrl, from: ALEX, text: 'lens' }));
    expect(cardText(firstCard(connector.posted().at(-1)!))).toMatch(/^Active lenses, .*acme-platform 1\.2\.0 .*northbank-data 3\.0\.1 /);
  });
});

/** What GET /playground/api/session gives the page to build its activities with. */
interface PlaygroundSession {
  serviceUrl: string;
  messagesPath: string;
  channelId: string;
  tenantId: string;
  newConversationId: string;
  user: { id: string; name: string };
  bot: { id: string; name: string };
}

describe('the playground with the example lenses', () => {
  let services: Services;
  let teams: TeamsBot;
  let server: TeamsServer;
  let pgDir: string;
  beforeAll(async () => {
    pgDir = mkdtempSync(path.join(tmpdir(), 'ca-lens-playground-'));
    services = await createServices({ databasePath: path.join(pgDir, 'compute-advice.db'), lensPaths: EXAMPLE_LENSES });
    const logger = createLogger({ level: 'silent' });
    teams = createTeamsBot({ config: undefined, services, logger });
    const playground = createPlaygroundHandler({ services, logger });
    server = await startTeamsServer({ teams, port: 0, host: '127.0.0.1', logger, fallback: playground });
  });
  afterAll(async () => {
    await server?.close();
    await services?.close();
    rmSync(pgDir, { recursive: true, force: true });
  });

  it("runs the interview through the page's endpoints and shows the same recommendation as the CLI", async () => {
    const get = async <T>(url: string): Promise<T> => (await fetch(`${server.url}${url}`)).json() as Promise<T>;
    const session = await get<PlaygroundSession>('/playground/api/session');
    let counter = 0;
    /** What the page sends for a line typed in its chat: a personal-chat message to the bot. */
    const say = async (text: string) => {
      const response = await fetch(`${server.url}${session.messagesPath}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          id: `pg-user-test-${++counter}`,
          timestamp: new Date().toISOString(),
          serviceUrl: session.serviceUrl,
          channelId: session.channelId,
          from: { id: session.user.id, name: session.user.name, aadObjectId: session.user.id },
          recipient: { id: session.bot.id, name: session.bot.name },
          conversation: { id: session.newConversationId, conversationType: 'personal', tenantId: session.tenantId },
          channelData: { tenant: { id: session.tenantId } },
          textFormat: 'plain',
          text,
        }),
      });
      expect(response.status).toBeLessThan(300);
      await teams.idle();
    };
    await say(`compute-advice ${NAME}`);
    const review = (await get<{ reviews: Array<{ id: string }> }>('/playground/api/reviews')).reviews[0]!;
    const asked = await typeEveryAnswer(services, review.id, say);
    expect(asked).toEqual(ASKED);
    // What the page polls shows the lens question was posted to the conversation.
    const events = await get<unknown>(`/playground/api/conversations/${encodeURIComponent(session.newConversationId)}/activities?since=0`);
    expect(JSON.stringify(events)).toContain('most sensitive data');
    expect(await services.store.answers.current(review.id)).toMatchObject(STORED_ANSWERS);
    expect(asJson(await services.reviews.latestRecommendation(review.id))).toEqual(fromCli);

    const { card } = await get<{ card: unknown }>(`/playground/api/reviews/${review.id}/card`);
    expect(cardText(card)).toContain('(https://wiki.acme.example/platform/aks-golden-path)');
    const blockKit = JSON.stringify(await get<unknown>(`/playground/api/reviews/${review.id}/block-kit`));
    expect(blockKit).toContain('|AKS golden path (shared cluster)>');
    expect(blockKit).toContain('Lenses acme-platform 1.2.0, northbank-data 3.0.1');
  });
});
