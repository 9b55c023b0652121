/**
 * The local-mode playground, for real: services on a SQLite file in a temp folder, the Teams bot (auth off) behind
 * startTeamsServer with the playground as its fallback, and the page in headless Debian Chromium driven by
 * playwright-core. The page talks to the bot through POST /api/messages; the bot replies to the playground's own
 * Bot Connector on the same server. No request may leave loopback.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/app/services.js';
import { createLogger } from '../../src/logger.js';
import { createPlaygroundHandler, type PlaygroundHandler } from '../../src/playground/index.js';
import { createTeamsBot, type TeamsBot } from '../../src/teams/teams-bot.js';
import { startTeamsServer, type TeamsServer } from '../../src/teams/teams-server.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOT = path.resolve('test-results', 'playground.png');

interface Running {
  dir: string;
  services: Services;
  server: TeamsServer;
  teams: TeamsBot;
  playground: PlaygroundHandler;
  close(): Promise<void>;
}

async function startPlayground(): Promise<Running> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ca-playground-'));
  const services = createServices({ databasePath: path.join(dir, 'compute-advice.db') });
  const logger = createLogger({ level: 'silent' });
  const teams = createTeamsBot({ config: undefined, services, logger });
  const playground = createPlaygroundHandler({ services, logger });
  const server = await startTeamsServer({ teams, port: 0, host: '127.0.0.1', logger, fallback: playground });
  return {
    dir,
    services,
    server,
    teams,
    playground,
    async close() {
      await server.close();
      services.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A raw HTTP request: the path is sent exactly as given (fetch would normalise `..`). */
function raw(
  base: string,
  method: string,
  rawPath: string,
  body?: unknown,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method,
        path: rawPath,
        headers: data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

describe('playground handler over HTTP', () => {
  let pg: Running;
  beforeAll(async () => {
    pg = await startPlayground();
  });
  afterAll(async () => {
    await pg?.close();
  });

  it('serves the page, its assets and the Adaptive Cards renderer with content types', async () => {
    const page = await raw(pg.server.url, 'GET', '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.body).toContain('/playground/vendor/adaptivecards.js');

    const script = await raw(pg.server.url, 'GET', '/playground/app.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['x-content-type-options']).toBe('nosniff');
    expect((await raw(pg.server.url, 'GET', '/playground/styles.css')).headers['content-type']).toBe('text/css; charset=utf-8');

    const vendor = await raw(pg.server.url, 'GET', '/playground/vendor/adaptivecards.js');
    expect(vendor.status).toBe(200);
    expect(vendor.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(vendor.body).toContain('AdaptiveCards');
    expect(vendor.body.length).toBeGreaterThan(100_000);
    const css = await raw(pg.server.url, 'GET', '/playground/vendor/adaptivecards.css');
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');

    const head = await raw(pg.server.url, 'HEAD', '/playground/app.js');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('refuses path traversal, dot files, unknown files and writes to static paths', async () => {
    const attempts = [
      '/playground/../package.json',
      '/playground/%2e%2e/package.json',
      '/playground/..%2fpackage.json',
      '/playground/%2e%2e%2f%2e%2e%2fpackage.json',
      '/playground/..%5c..%5cpackage.json',
      '/playground/vendor/../../src/main.ts',
      '/playground/vendor/package.json',
      '/playground/vendor/%2e%2e%2fpackage.json',
      '/playground/%00index.html',
      '/playground/.gitignore',
      '/playground//etc/passwd',
      '/playground/index.ts',
      '/../../etc/passwd',
      '/src/main.ts',
      '/package.json',
    ];
    for (const attempt of attempts) {
      const res = await raw(pg.server.url, 'GET', attempt);
      expect([400, 404], attempt).toContain(res.status);
      expect(res.body, attempt).not.toContain('"name": "compute-advice"');
      expect(res.body, attempt).not.toContain('root:');
      expect(res.body, attempt).not.toContain('import ');
    }
    expect((await raw(pg.server.url, 'POST', '/playground/app.js', {})).status).toBe(405);
  });

  it('records what the bot posts and updates, and wakes a waiting long poll', async () => {
    const conversation = encodeURIComponent('a:unit-test');
    const waiting = raw(pg.server.url, 'GET', `/playground/api/conversations/${conversation}/activities?since=0&wait=5000`);
    await new Promise((r) => setTimeout(r, 50));
    const posted = await raw(pg.server.url, 'POST', `/playground/connector/v3/conversations/${conversation}/activities/user-1`, {
      type: 'message',
      text: 'hello',
    });
    expect(posted.status).toBe(200);
    const { id } = JSON.parse(posted.body) as { id: string };
    expect(id).toMatch(/^pg-/);

    const woke = JSON.parse((await waiting).body) as { events: Array<Record<string, unknown>> };
    expect(woke.events).toMatchObject([{ seq: 1, kind: 'post', activityId: id, replyToId: 'user-1', activity: { text: 'hello' } }]);

    const updated = await raw(pg.server.url, 'PUT', `/playground/connector/v3/conversations/${conversation}/activities/${id}`, {
      type: 'message',
      text: 'edited',
      id,
    });
    expect(updated.status).toBe(200);
    const after = JSON.parse(
      (await raw(pg.server.url, 'GET', `/playground/api/conversations/${conversation}/activities?since=1`)).body,
    ) as {
      events: Array<Record<string, unknown>>;
      lastSeq: number;
    };
    expect(after.events).toMatchObject([{ seq: 2, kind: 'update', activityId: id, activity: { text: 'edited' } }]);
    expect(after.lastSeq).toBe(2);

    expect((await raw(pg.server.url, 'POST', `/playground/connector/v3/conversations/${conversation}/activities`, '[1,')).status).toBe(400);
    expect((await raw(pg.server.url, 'GET', `/playground/connector/v3/conversations/${conversation}/activities`)).status).toBe(405);
  });

  it('lets the real bot reply through the playground connector (serviceUrl from the session)', async () => {
    const session = JSON.parse((await raw(pg.server.url, 'GET', '/playground/api/session')).body) as {
      serviceUrl: string;
      newConversationId: string;
      user: { id: string; name: string };
      bot: { id: string; name: string };
      tenantId: string;
    };
    expect(session.serviceUrl).toBe(`${pg.server.url}/playground/connector/`);
    const conversationId = session.newConversationId;
    const activity = {
      type: 'message',
      id: 'm-1',
      serviceUrl: session.serviceUrl,
      channelId: 'msteams',
      from: session.user,
      recipient: session.bot,
      conversation: { id: conversationId, conversationType: 'personal', tenantId: session.tenantId },
      channelData: { tenant: { id: session.tenantId } },
      text: 'compute-advice checkout-api',
    };
    const turn = await raw(pg.server.url, 'POST', '/api/messages', activity);
    expect(turn.status).toBe(200);
    await pg.teams.idle(); // the 200 comes before the replies
    const events = pg.playground.connector.eventsSince(conversationId, 0);
    expect(events.map((e) => e.kind)).toEqual(['post', 'post']);
    expect(events.every((e) => e.replyToId === 'm-1')).toBe(true);
    expect(JSON.stringify(events[0]!.activity)).toContain('Compute review: checkout-api');

    const reviews = JSON.parse((await raw(pg.server.url, 'GET', '/playground/api/reviews')).body) as {
      reviews: Array<Record<string, unknown>>;
    };
    expect(reviews.reviews[0]).toMatchObject({
      workloadName: 'checkout-api',
      status: 'in_progress',
      platform: 'teams',
      conversationId,
      recommended: null,
    });
    const id = reviews.reviews[0]!.id as string;
    expect((await raw(pg.server.url, 'GET', `/playground/api/reviews/${id}/block-kit`)).status).toBe(404);
    expect((await raw(pg.server.url, 'GET', '/playground/api/reviews/nope/block-kit')).status).toBe(404);
    expect((await raw(pg.server.url, 'GET', '/playground/api/reviews/..%2f..%2fx/card')).status).toBe(400);
  });
});

// ---- the browser ------------------------------------------------------------------------------------------------

/** How the test answers each question in the browser: a choice label, a number, a typed reply, Skip or None. */
const PLAN: Record<string, { choose?: string; number?: string; typed?: string; skip?: true; none?: true }> = {
  workload_kind: { choose: 'API or microservice' },
  cloud_provider: { choose: 'AWS' },
  state_location: { choose: 'In an external store (database, cache, object storage)' },
  traffic_shape: { choose: 'Bursty (quiet, then sudden spikes)' },
  peak_to_baseline: { number: '20' },
  request_rate: { typed: 'about 40 req/s' },
  typical_duration: { number: '0.2' },
  latency_target: { number: '500' },
  peak_memory: { skip: true },
  special_hardware: { none: true },
};

const openQuestion = (page: Page): Locator => page.locator('.msg.bot[data-kind="question"][data-open="true"]').last();
const recommendations = (page: Page): Locator => page.locator('.msg.bot[data-kind="recommendation"]');

/** Answers the open question card the way PLAN says, by clicking (or typing, for `typed`). */
async function answerOpenQuestion(page: Page, questionId: string, plan: (typeof PLAN)[string] | undefined): Promise<void> {
  const card = page.locator(`.msg.bot[data-kind="question"][data-open="true"][data-question-id="${questionId}"]`).last();
  if (plan?.typed) {
    await page.locator('#reply').fill(plan.typed);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
  } else if (plan?.skip) {
    await card.getByRole('button', { name: 'Skip', exact: true }).click();
  } else if (plan?.none) {
    await card.getByRole('button', { name: 'None of these', exact: true }).click();
  } else {
    if (plan?.number !== undefined) {
      await card.locator('input[type="number"]').fill(plan.number);
    } else if ((await card.locator('select').count()) > 0) {
      const select = card.locator('select').first();
      if (plan?.choose) await select.selectOption({ label: plan.choose });
      else await select.selectOption({ index: 1 });
    } else if ((await card.locator('input[type="radio"]').count()) > 0) {
      if (plan?.choose) await card.getByLabel(plan.choose, { exact: true }).check();
      else await card.locator('input[type="radio"]').first().check();
    } else if ((await card.locator('input[type="number"]').count()) > 0) {
      await card.locator('input[type="number"]').fill('1');
    } else if ((await card.locator('input[type="checkbox"]').count()) > 0) {
      await card.locator('input[type="checkbox"]').first().check();
    }
    await card.getByRole('button', { name: 'Answer', exact: true }).click();
  }
  // answered: the bot updates the card in place (PUT), so it has nothing left to click
  await page
    .locator(`.msg.bot[data-kind="question"][data-question-id="${questionId}"][data-open="true"]`)
    .waitFor({ state: 'detached', timeout: 10_000 });
}

/** Answers questions until `count` recommendation cards are on the page. Returns the question ids asked. */
async function interview(page: Page, count: number): Promise<string[]> {
  const asked: string[] = [];
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if ((await recommendations(page).count()) >= count) return asked;
    const question = openQuestion(page);
    if ((await question.count()) === 0) {
      await page.waitForTimeout(50);
      continue;
    }
    const questionId = (await question.getAttribute('data-question-id'))!;
    asked.push(questionId);
    if (asked.length > 25) break;
    await answerOpenQuestion(page, questionId, PLAN[questionId]);
  }
  throw new Error(`no recommendation after ${asked.length} questions: ${asked.join(', ')}`);
}

/** Waits until the text of the locator's element (it must exist) contains `expected`. */
async function waitForText(locator: Locator, expected: string | RegExp): Promise<void> {
  await expect
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText, the text as rendered, not a DOM node's property
    .poll(async () => ((await locator.count()) > 0 ? await locator.first().innerText() : ''), { timeout: 10_000 })
    .toMatch(expected); // a string matches as a substring
}

async function waitForCount(locator: Locator, n: number): Promise<void> {
  await expect.poll(() => locator.count(), { timeout: 10_000 }).toBe(n);
}

const haveChromium = existsSync(CHROMIUM);
// CI (.ci/run sets CI=1) installs Chromium, so there a missing browser fails the run instead of skipping it.
if (!haveChromium && process.env.CI) throw new Error(`${CHROMIUM} not found: the playground browser test needs Debian's chromium package`);
if (!haveChromium) console.warn(`playground browser test skipped: ${CHROMIUM} not found (install Debian's chromium package; .ci/run does)`);

describe.skipIf(!haveChromium)('playground in headless Chromium', () => {
  let pg: Running;
  let browser: Browser;
  beforeAll(async () => {
    pg = await startPlayground();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 20_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await pg?.close();
  });

  it('completes an interview by clicking, shows the recommendation, changes an answer and lists the review', {
    timeout: 60_000,
  }, async () => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    const offLoopback: string[] = [];
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.protocol === 'data:' || url.protocol === 'blob:' || url.hostname === '127.0.0.1' || url.hostname === 'localhost')
        return route.continue();
      offLoopback.push(url.href);
      return route.abort();
    });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') pageErrors.push(msg.text());
    });

    await page.goto(`${pg.server.url}/`);
    await expect.poll(() => page.locator('#connection').getAttribute('data-state'), { timeout: 10_000 }).toBe('online');
    await waitForText(page.locator('#reviews'), 'No reviews yet.');

    // start a review from the sidebar
    await page.locator('#workload').fill('payments-webhooks');
    await page.getByRole('button', { name: 'Start review' }).click();
    await waitForText(page.locator('.msg.user').first(), 'compute-advice payments-webhooks');
    await waitForText(page.locator('.msg.bot').first(), 'Compute review: payments-webhooks');

    // the first question card, rendered by the Adaptive Cards renderer (a second screenshot, for a look)
    await openQuestion(page).waitFor({ timeout: 10_000 });
    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, '-question.png') });

    const asked = await interview(page, 1);
    expect(asked.slice(0, 4)).toEqual(['workload_kind', 'cloud_provider', 'state_location', 'traffic_shape']);
    expect(asked).toContain('request_rate'); // answered by typing
    const rec = recommendations(page).last();
    await waitForText(rec, 'Compute review: payments-webhooks');
    await waitForText(rec, /Recommended: .+, (optimal|good|caution|unsuitable)/);
    // answered cards were replaced in place: one per question, each showing its answer, none clickable
    await waitForCount(page.locator('.msg.bot[data-kind="info"]', { hasText: '✔' }), asked.length);
    await waitForCount(page.locator('.msg.bot[data-kind="question"]'), 0);

    const review = pg.services.store.reviews.listRecent(1)[0]!;
    expect(review).toMatchObject({
      workloadName: 'payments-webhooks',
      status: 'completed',
      platform: 'teams',
      workspaceId: 'local',
      requesterId: 'local-user',
    });
    expect(pg.services.store.answers.current(review.id)).toMatchObject({ workload_kind: 'api', traffic_shape: 'bursty', request_rate: 40 });

    // past reviews list the completed review with its recommendation
    const listed = page.locator(`#reviews .review-item[data-review-id="${review.id}"]`);
    await waitForText(listed, 'payments-webhooks');
    await waitForText(listed, 'completed');

    // the Slack Block Kit JSON of the card, for copying
    await rec.locator('details.blockkit summary').click();
    await waitForText(rec.locator('details.blockkit pre'), '"type": "header"');

    // change an answer from the final card: pick the question, press the button, answer it again on its card
    await rec.locator('select').first().selectOption('traffic_shape');
    await rec.getByRole('button', { name: 'Change answer', exact: true }).click();
    const reasked = page.locator('.msg.bot[data-kind="question"][data-open="true"][data-question-id="traffic_shape"]');
    await waitForCount(reasked, 1);
    await reasked.getByLabel('Steady (about the same all day)', { exact: true }).check();
    await reasked.getByRole('button', { name: 'Answer', exact: true }).click();
    await waitForCount(reasked, 0);
    await interview(page, 2);
    await waitForCount(recommendations(page), 2);
    expect(pg.services.store.answers.current(review.id)).toMatchObject({ traffic_shape: 'steady' });
    expect(pg.services.store.reviews.get(review.id)!.status).toBe('completed');

    // the typed command `list` goes through the bot too
    await page.locator('#reply').fill('list');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await waitForText(page.locator('.msg.bot').last(), 'Your recent reviews');

    // a reload keeps the conversation (the connector still holds it), typed lines included
    await page.reload();
    await waitForCount(recommendations(page), 2);
    await waitForText(page.locator('.msg.user').first(), 'compute-advice payments-webhooks');
    // a new conversation starts empty; the past review brings its conversation back
    await page.getByRole('button', { name: 'New conversation' }).click();
    await waitForCount(page.locator('.msg.bot'), 0);
    await page.locator(`#reviews .review-item[data-review-id="${review.id}"]`).click();
    await waitForCount(recommendations(page), 2);

    // a screenshot with the final recommendation card in view
    await recommendations(page)
      .last()
      .evaluate((el) => el.scrollIntoView({ block: 'start' }));
    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    expect(existsSync(SCREENSHOT)).toBe(true);

    expect(offLoopback).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
