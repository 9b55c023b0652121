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

interface Running {
  dir: string;
  services: Services;
  server: TeamsServer;
  teams: TeamsBot;
  playground: PlaygroundHandler;
  /** keepFiles: leave the database for a restart on the same folder. */
  close(keepFiles?: boolean): Promise<void>;
}

/** The playground on a SQLite file in `dir` (a new temp folder by default), on `port` (a free one by default). */
async function startPlayground(options: { dir?: string; port?: number } = {}): Promise<Running> {
  const dir = options.dir ?? mkdtempSync(path.join(tmpdir(), 'ca-playground-'));
  const services = createServices({ databasePath: path.join(dir, 'compute-advice.db') });
  const logger = createLogger({ level: 'silent' });
  const teams = createTeamsBot({ config: undefined, services, logger });
  const playground = createPlaygroundHandler({ services, logger });
  const server = await startTeamsServer({ teams, port: options.port ?? 0, host: '127.0.0.1', logger, fallback: playground });
  return {
    dir,
    services,
    server,
    teams,
    playground,
    async close(keepFiles = false) {
      await server.close();
      services.close();
      if (!keepFiles) rmSync(dir, { recursive: true, force: true });
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

/**
 * How the test answers each question in the browser: a choice label, a value typed into the card's own input (units
 * and all, as a person types them), a reply typed in the composer, Skip or None.
 */
const PLAN: Record<string, { choose?: string; input?: string; typed?: string; skip?: true; none?: true }> = {
  workload_kind: { choose: 'API or microservice' },
  cloud_provider: { choose: 'AWS' },
  state_location: { choose: 'In an external store (database, cache, object storage)' },
  traffic_shape: { choose: 'Bursty (quiet, then sudden spikes)' },
  peak_to_baseline: { input: '20x' },
  request_rate: { typed: 'about 40 req/s' },
  typical_duration: { input: '200 ms' },
  latency_target: { input: '0.5 s' },
  peak_memory: { skip: true },
  special_hardware: { none: true },
};

const openQuestion = (page: Page): Locator => page.locator('.msg.bot[data-kind="question"][data-open="true"]').last();
const recommendations = (page: Page): Locator => page.locator('.msg.bot[data-kind="recommendation"]');
const openCard = (page: Page, questionId: string): Locator =>
  page.locator(`.msg.bot[data-kind="question"][data-open="true"][data-question-id="${questionId}"]`).last();

async function typeInComposer(page: Page, text: string): Promise<void> {
  await page.locator('#reply').fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
}

/** Answers the open question card the way PLAN says, by clicking (or typing, for `typed`). */
async function answerOpenQuestion(page: Page, questionId: string, plan: (typeof PLAN)[string] | undefined): Promise<void> {
  const card = openCard(page, questionId);
  if (plan?.typed) {
    await typeInComposer(page, plan.typed);
  } else if (plan?.skip) {
    await card.getByRole('button', { name: 'Skip', exact: true }).click();
  } else if (plan?.none) {
    await card.getByRole('button', { name: 'None of these', exact: true }).click();
  } else {
    if (plan?.input !== undefined) {
      await card.getByLabel('Your answer').fill(plan.input);
    } else if ((await card.locator('select').count()) > 0) {
      const select = card.locator('select').first();
      if (plan?.choose) await select.selectOption({ label: plan.choose });
      else await select.selectOption({ index: 1 });
    } else if ((await card.locator('input[type="radio"]').count()) > 0) {
      if (plan?.choose) await card.getByLabel(plan.choose, { exact: true }).check();
      else await card.locator('input[type="radio"]').first().check();
    } else if ((await card.locator('input[type="checkbox"]').count()) > 0) {
      await card.locator('input[type="checkbox"]').first().check();
    } else if ((await card.getByLabel('Your answer').count()) > 0) {
      await card.getByLabel('Your answer').fill('1');
    }
    await card.getByRole('button', { name: 'Answer', exact: true }).click();
  }
  // answered: the bot updates the card in place (PUT), so it has nothing left to click
  await page
    .locator(`.msg.bot[data-kind="question"][data-question-id="${questionId}"][data-open="true"]`)
    .waitFor({ state: 'detached', timeout: 10_000 });
}

/**
 * Answers questions until `count` recommendation cards are on the page, or (with `replacing`) until the last one is a
 * new card, not the one with that activity id. Returns the question ids asked.
 */
async function interview(page: Page, count: number, replacing?: string | null): Promise<string[]> {
  const asked: string[] = [];
  const deadline = Date.now() + 30_000;
  const done = async () => {
    const cards = recommendations(page);
    if ((await cards.count()) < count) return false;
    return replacing === undefined || (await cards.last().getAttribute('data-activity-id')) !== replacing;
  };
  while (Date.now() < deadline) {
    if (await done()) return asked;
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

/** Answers the open questions until the one with `questionId` is open (it is left unanswered). */
async function answerUntil(page: Page, questionId: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const question = openQuestion(page);
    if ((await question.count()) === 0) {
      await page.waitForTimeout(50);
      continue;
    }
    const id = (await question.getAttribute('data-question-id'))!;
    if (id === questionId) return;
    await answerOpenQuestion(page, id, PLAN[id]);
  }
  throw new Error(`${questionId} was never asked`);
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

/** A new page on the playground that records page errors and refuses any request off loopback. */
async function openPage(browser: Browser, url: string, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport });
  const offLoopback: string[] = [];
  await context.route('**/*', async (route) => {
    const target = new URL(route.request().url());
    if (target.protocol === 'data:' || target.protocol === 'blob:' || target.hostname === '127.0.0.1' || target.hostname === 'localhost')
      return route.continue();
    offLoopback.push(target.href);
    return route.abort();
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') pageErrors.push(msg.text());
  });
  await page.goto(`${url}/`);
  await expect.poll(() => page.locator('#connection').getAttribute('data-state'), { timeout: 10_000 }).toBe('online');
  return { context, page, offLoopback, pageErrors };
}

async function startReview(page: Page, name: string): Promise<void> {
  await page.locator('#workload').fill(name);
  await page.getByRole('button', { name: 'Start review' }).click();
  await waitForText(page.locator('.msg.bot').first(), `Compute review: ${name}`);
  await openQuestion(page).waitFor({ timeout: 10_000 });
}

async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.resolve('test-results', `playground-${name}.png`);
  mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: false });
  expect(existsSync(file)).toBe(true);
  return file;
}

/**
 * Every visible, enabled button, hovered: its text and background colours as computed (the background is the first
 * opaque one up the tree) and their WCAG 2 contrast ratio.
 */
async function hoverContrasts(page: Page): Promise<Array<{ button: string; ratio: number; color: string; background: string }>> {
  const buttons = page.locator('button:visible:enabled');
  const results: Array<{ button: string; ratio: number; color: string; background: string }> = [];
  for (let i = 0; i < (await buttons.count()); i++) {
    const button = buttons.nth(i);
    await button.scrollIntoViewIfNeeded();
    await button.hover();
    results.push(
      await button.evaluate((el) => {
        // Runs in the page: DOM types are not in this project's TypeScript lib, so name the little that is used.
        type Box = { parentElement: Box | null; textContent: string | null; id: string; getAttribute(name: string): string | null };
        const win = globalThis as unknown as { getComputedStyle(node: Box): { color: string; backgroundColor: string } };
        const parse = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
        const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
          const lin = (v: number) => {
            const s = v / 255;
            return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
          };
          return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
        };
        const self = el as unknown as Box;
        const color = win.getComputedStyle(self).color;
        let node: Box | null = self;
        let background = 'rgb(255, 255, 255)';
        while (node) {
          const bg = win.getComputedStyle(node).backgroundColor;
          const alpha = parse(bg)[3];
          if (bg !== 'transparent' && (alpha === undefined || alpha > 0.9)) {
            background = bg;
            break;
          }
          node = node.parentElement;
        }
        const [a, b] = [luminance(parse(color)), luminance(parse(background))];
        const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        return { button: (self.textContent ?? '').trim() || self.getAttribute('aria-label') || self.id, ratio, color, background };
      }),
    );
  }
  await page.mouse.move(0, 0);
  return results;
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

  it('completes an interview with units typed into the cards, goes back by typing, shows the recommendation, changes an answer and lists the review', {
    timeout: 90_000,
  }, async () => {
    const { context, page, offLoopback, pageErrors } = await openPage(browser, pg.server.url, { width: 1360, height: 900 });
    await waitForText(page.locator('#reviews'), 'No reviews yet.');

    // start a review from the sidebar
    await startReview(page, 'payments-webhooks');
    await waitForText(page.locator('.msg.user').first(), 'compute-advice payments-webhooks');
    await screenshot(page, 'wide-question');

    // "back" typed in the composer goes back (it is not read as an answer); the earlier answer is offered again
    await answerUntil(page, 'latency_target');
    await typeInComposer(page, 'back');
    const reopened = openCard(page, 'typical_duration');
    await reopened.waitFor({ timeout: 10_000 });
    await expect.poll(() => reopened.getByLabel('Your answer').inputValue(), { timeout: 10_000 }).toBe('0.2 s');
    await waitForText(reopened, 'Current answer: 200 ms');
    await reopened.getByRole('button', { name: 'Answer', exact: true }).click(); // kept as it was
    await openCard(page, 'latency_target').waitFor({ timeout: 10_000 });

    const asked = await interview(page, 1);
    expect(asked[0]).toBe('latency_target');
    const rec = recommendations(page).last();
    await waitForText(rec, 'Compute review: payments-webhooks');
    await waitForText(rec, /Recommended: .+, (optimal|good|caution|unsuitable)/);
    await waitForText(rec, 'Based on your answers');
    // answered cards were replaced in place, none clickable
    await waitForCount(page.locator('.msg.bot[data-kind="question"]'), 0);

    const review = pg.services.store.reviews.listRecent(1)[0]!;
    expect(review).toMatchObject({
      workloadName: 'payments-webhooks',
      status: 'completed',
      platform: 'teams',
      workspaceId: 'local',
      requesterId: 'local-user',
    });
    // units typed into the card inputs reached the parser whole: 20x, 200 ms, 0.5 s; the composer's 40 req/s too
    expect(pg.services.store.answers.current(review.id)).toMatchObject({
      workload_kind: 'api',
      traffic_shape: 'bursty',
      peak_to_baseline: 20,
      request_rate: 40,
      typical_duration: 0.2,
      latency_target: 500,
    });

    // past reviews list the completed review with its recommendation
    const listed = page.locator(`#reviews .review-item[data-review-id="${review.id}"]`);
    await waitForText(listed, 'payments-webhooks');
    await waitForText(listed, 'completed');

    // the Slack Block Kit JSON of the card, for copying
    await rec.locator('details.blockkit summary').click();
    await waitForText(rec.locator('details.blockkit pre'), '"type": "header"');

    // every button on the page, hovered, keeps WCAG AA contrast (4.5:1)
    const contrasts = await hoverContrasts(page);
    expect(contrasts.length).toBeGreaterThan(5);
    for (const c of contrasts) expect(c.ratio, `${c.button}: ${c.color} on ${c.background}`).toBeGreaterThanOrEqual(4.5);

    // a screenshot with the finished recommendation card in view
    await rec.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'wide-recommendation');

    // change an answer from the final card: pick the question, press the button, answer it again on its card
    const firstCard = await rec.getAttribute('data-activity-id');
    await rec.locator('select').first().selectOption('traffic_shape');
    await rec.getByRole('button', { name: 'Change answer', exact: true }).click();
    const reasked = openCard(page, 'traffic_shape');
    await waitForCount(reasked, 1);
    await reasked.getByLabel('Steady (about the same all day)', { exact: true }).check();
    await reasked.getByRole('button', { name: 'Answer', exact: true }).click();
    await waitForCount(reasked, 0);
    await interview(page, 1, firstCard);
    // the new card replaces the old one, which now says so and has nothing left to press
    const current = recommendations(page).last();
    await expect.poll(() => current.getAttribute('data-activity-id'), { timeout: 10_000 }).not.toBe(firstCard);
    const old = page.locator(`.msg.bot[data-activity-id="${firstCard}"]`);
    await waitForText(old, 'was replaced after an answer changed');
    await waitForCount(old.locator('button'), 0);
    await waitForCount(recommendations(page), 1);
    expect(pg.services.store.answers.current(review.id)).toMatchObject({ traffic_shape: 'steady' });
    expect(pg.services.store.reviews.get(review.id)!.status).toBe('completed');

    // record the decision on the current card: it shows there
    await current.locator('select').last().selectOption({ index: 1 });
    await current.getByRole('button', { name: 'Record decision', exact: true }).click();
    await waitForText(recommendations(page).last(), 'Decision recorded: ');
    expect(pg.services.store.decisions.latest(review.id)).toBeDefined();

    // the typed command `list` goes through the bot too
    await typeInComposer(page, 'list');
    await waitForText(page.locator('.msg.bot').last(), 'Your recent reviews');

    // a reload keeps the conversation (the connector still holds it), typed lines included
    await page.reload();
    await waitForCount(recommendations(page), 1);
    await waitForText(page.locator('.msg.user').first(), 'compute-advice payments-webhooks');
    // a new conversation starts empty; the past review brings its conversation back
    await page.getByRole('button', { name: 'New conversation' }).click();
    await waitForCount(page.locator('.msg.bot'), 0);
    await page.locator(`#reviews .review-item[data-review-id="${review.id}"]`).click();
    await waitForCount(recommendations(page), 1);

    expect(offLoopback).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('picks up where it was after the server restarts mid-interview: the open question comes back and the interview finishes once', {
    timeout: 90_000,
  }, async () => {
    const first = await startPlayground();
    const port = Number(new URL(first.server.url).port);
    let current = first;
    try {
      const { context, page, pageErrors } = await openPage(browser, first.server.url, { width: 1360, height: 900 });
      await startReview(page, 'restarted-api');
      await answerUntil(page, 'traffic_shape');
      const review = first.services.store.reviews.listRecent(1)[0]!;
      const before = first.services.store.answers.current(review.id);

      // the server goes away and comes back on the same port and database; the connector's memory is gone
      await first.close(true);
      await expect.poll(() => page.locator('#connection').getAttribute('data-state'), { timeout: 10_000 }).toBe('offline');
      current = await startPlayground({ dir: first.dir, port });
      const backAt = Date.now();
      await expect.poll(() => page.locator('#connection').getAttribute('data-state'), { timeout: 10_000 }).toBe('online');
      await waitForText(page.locator('.system-line').last(), 'The server restarted');
      // the open question is posted again from the database, promptly, and the old card is inert
      await openCard(page, 'traffic_shape').waitFor({ timeout: 10_000 });
      expect(Date.now() - backAt).toBeLessThan(8_000);
      await waitForCount(page.locator('.msg.bot.stale[data-kind="question"] button:enabled'), 0);

      await interview(page, 1);
      const after = current.services.store.reviews.get(review.id)!;
      // while the server was down the page's polls failed as they should; nothing else went wrong
      const unexpected = pageErrors.filter((e) => !/Failed to load resource|ERR_CONNECTION_REFUSED|Failed to fetch/.test(e));
      expect(after.status).toBe('completed');
      expect(current.services.store.answers.current(review.id)).toMatchObject(before);
      expect(current.services.store.recommendations.latest(review.id)).toBeDefined();
      await waitForCount(recommendations(page), 1);
      expect(unexpected).toEqual([]);
      await context.close();
    } finally {
      await current.close();
    }
  });

  it('fits a phone: at 420 px nothing scrolls sideways, Start review is on screen, and a question card fits', {
    timeout: 60_000,
  }, async () => {
    const { context, page, pageErrors } = await openPage(browser, pg.server.url, { width: 420, height: 860 });
    const start = page.getByRole('button', { name: 'Start review' });
    await expect.poll(async () => (await start.boundingBox())?.x ?? -1).toBeGreaterThanOrEqual(0);
    const box = (await start.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(420);
    const sideways = () =>
      page.evaluate(() => {
        const win = globalThis as unknown as { innerWidth: number; document: { documentElement: { scrollWidth: number } } };
        return win.document.documentElement.scrollWidth - win.innerWidth;
      });
    expect(await sideways()).toBeLessThanOrEqual(0);
    await startReview(page, 'phone-sized');
    await answerUntil(page, 'request_rate');
    expect(await sideways()).toBeLessThanOrEqual(0);
    await screenshot(page, 'narrow-question');
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
