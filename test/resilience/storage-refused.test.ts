/**
 * A database that refuses writes (a full disk, a read-only file) loses answers loudly, never silently: the person is
 * told nothing was stored, /healthz reports it, and nothing is half-written. SQLite's query_only makes every write
 * fail with SQLITE_READONLY, the same path SQLITE_FULL takes (errors.ts StorageFailure).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { texts } from '../../src/conversation/index.js';
import { slashCommand, newChannelId, TEAM_ID } from '../slack/helpers/slack-payloads.js';
import { startSlackHarness, type SlackHarness } from '../slack/helpers/slack-harness.js';
import { ALEX, cardText, firstCard, personalActivity, startHarness, type Harness } from '../teams/helpers/teams-harness.js';
import { sqliteOf } from '../helpers/sqlite-handle.js';

/** Every write from now on fails as on a file the process may not write. */
function refuseWrites(db: Database.Database): void {
  db.pragma('query_only = 1');
}

function allowWrites(db: Database.Database): void {
  db.pragma('query_only = 0');
}

let teams: Harness | undefined;
let slack: SlackHarness | undefined;
afterEach(async () => {
  await teams?.close();
  await slack?.close();
  teams = undefined;
  slack = undefined;
});

describe('a database that refuses writes', () => {
  it('Teams: the person is told nothing was stored, /healthz answers 503 naming it, and recovers once a write succeeds', async () => {
    teams = await startHarness();
    const h = teams;
    refuseWrites(sqliteOf(h.services));
    const before = h.connector.posted().length;
    const res = await h.post(
      personalActivity({
        serviceUrl: h.connector.serviceUrl,
        from: ALEX,
        conversationId: 'a:full-disk',
        text: 'compute-advice a-review-with-a-long-name-that-needs-pages',
      }),
    );
    expect(res.status).toBe(200);
    await h.teams.idle(5000);
    const said = h.connector
      .posted()
      .slice(before)
      .map((c) => `${String(c.body.text ?? '')} ${c.body.attachments ? cardText(firstCard(c)) : ''}`);
    expect(said.join('\n')).toContain(texts.storageFailed('readonly'));
    expect(sqliteOf(h.services).prepare('SELECT count(*) AS n FROM reviews').get()).toEqual({ n: 0 });
    const health = await fetch(`${h.server.url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: 'degraded', database: 'sqlite', storage: 'readonly' });

    allowWrites(sqliteOf(h.services));
    await h.post(
      personalActivity({
        serviceUrl: h.connector.serviceUrl,
        from: ALEX,
        conversationId: 'a:full-disk',
        text: 'compute-advice a-review-with-a-long-name-that-needs-pages',
      }),
    );
    await h.teams.idle(5000);
    expect(sqliteOf(h.services).prepare('SELECT count(*) AS n FROM reviews').get()).toEqual({ n: 1 });
    expect((await fetch(`${h.server.url}/healthz`)).status).toBe(200);
  });

  it('Slack: a command is answered with why it was not taken, and nothing is stored', async () => {
    slack = await startSlackHarness();
    const h = slack;
    refuseWrites(sqliteOf(h.services));
    const channel = newChannelId();
    const res = await h.send.command(slashCommand({ text: 'full-disk-review', user: 'UFULL', channel, responseUrl: h.api.responseUrl() }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ response_type: 'ephemeral', text: texts.storageFailed('readonly') });
    await h.slack.whenIdle();
    expect(await h.services.store.reviews.listForUser('slack', TEAM_ID, 'UFULL', 5)).toHaveLength(0);
    expect(h.services.health()).toEqual({ ok: false, storage: 'readonly' });
  });
});
