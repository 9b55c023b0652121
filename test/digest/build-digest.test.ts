import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/digest/build-digest.js';
import { DAY, HOUR, MINUTE, at, freshDb, seedReview } from './helpers.js';

// A Monday 09:00 Europe/Berlin digest: the week is [Mon 16 Nov 09:00, Mon 23 Nov 09:00) local, the one before it
// [Mon 9 Nov 09:00, Mon 16 Nov 09:00).
const END = at('2026-11-23T08:00:00Z');
const FROM = at('2026-11-16T08:00:00Z');
const PREV = at('2026-11-09T08:00:00Z');
const NOW = END + 5 * MINUTE;
const target = { platform: 'slack', workspaceId: 'T1', channelId: 'C0CHAN1', scope: 'channel', timeZone: 'Europe/Berlin' } as const;

async function seeded() {
  const t = await freshDb();
  const s = t.store;
  const done = (
    name: string,
    completedAt: number,
    recommended: string,
    extra: Parameters<typeof seedReview>[1] extends infer P ? Partial<P> : never = {},
  ) => seedReview(s, { name, startedAt: completedAt - HOUR, completedAt, recommended, ...extra });
  await done('alpha', FROM + 1 * DAY, 'faas');
  await done('bravo', FROM + 2 * DAY, 'containers', {
    verdicts: { vm: 'caution', containers: 'optimal', serverless_containers: 'good', faas: 'good', wasm_edge: 'unsuitable' },
    decisions: [{ chosen: 'vm', against: true, at: FROM + 2 * DAY + HOUR, note: 'ops team knows VMs' }],
  });
  await done('charlie', FROM + 3 * DAY, 'faas', { decisions: [{ chosen: 'faas', against: false, at: FROM + 3 * DAY + HOUR }] });
  await done('kilo', FROM + 4 * DAY, 'serverless_containers', {
    decisions: [
      { chosen: 'wasm_edge', against: true, at: FROM + 4 * DAY + HOUR },
      { chosen: 'serverless_containers', against: false, at: FROM + 4 * DAY + 2 * HOUR }, // supersedes the first
    ],
  });
  await done('mike', FROM, 'faas'); // completed exactly at the start: in; started the week before
  await done('lima', END, 'vm'); // completed exactly at the end: out (next week's); started this week
  await done('delta', FROM + DAY, 'vm', { channelId: 'C0CHAN2' }); // another channel of the workspace
  await done('echo', PREV + DAY, 'containers', { decisions: [{ chosen: 'faas', against: true, at: PREV + DAY + HOUR }] });
  // completed long ago, decided against the advice this week
  await done('foxtrot', PREV - 30 * DAY, 'faas', {
    verdicts: { vm: 'unsuitable', containers: 'good', serverless_containers: 'good', faas: 'optimal', wasm_edge: 'good' },
    decisions: [{ chosen: 'vm', against: true, at: FROM + 5 * DAY }],
  });
  await done('golf', FROM + DAY, 'faas', { workspaceId: 'T2' }); // another workspace
  await done('juliet', FROM + DAY, 'faas', { platform: 'teams', threadRef: '19:abc@thread.tacv2;messageid=1' }); // another platform
  await seedReview(s, { name: 'hotel', startedAt: FROM + 5 * DAY, lastActivityAt: NOW - 2 * HOUR }); // in progress
  await seedReview(s, { name: 'india', startedAt: PREV + 2 * DAY, lastActivityAt: NOW - 3 * DAY - HOUR }); // stalled
  return t;
}

describe('buildDigest on a seeded database', () => {
  it('counts this week and the week before in the channel, with the change', async () => {
    const view = await buildDigest((await seeded()).digest, target, NOW, { periodEnd: END });
    expect(view.period).toMatchObject({ from: FROM, to: END, previousFrom: PREV });
    expect(view.period.label).toBe('Mon 16 Nov, 09:00 – Mon 23 Nov 2026, 09:00 (Europe/Berlin)');
    expect(view.weekKey).toBe('2026-W48');
    expect(view.summary).toEqual({
      completed: { current: 5, previous: 1, delta: 4 }, // alpha bravo charlie kilo mike | echo
      started: { current: 6, previous: 3, delta: 3 }, // alpha bravo charlie kilo lima hotel | mike echo india
      decisions: { current: 4, previous: 1, delta: 3 }, // bravo charlie kilo(latest) foxtrot | echo
      againstAdvice: { current: 2, previous: 1, delta: 1 }, // bravo foxtrot | echo
      inProgress: 2,
      stalled: 1,
    });
  });

  it('gives the distribution of recommended models, most frequent first', async () => {
    const view = await buildDigest((await seeded()).digest, target, NOW, { periodEnd: END });
    expect(view.models).toEqual([
      { model: 'faas', label: 'functions (FaaS)', count: 3, previous: 0, percent: 60 },
      { model: 'containers', label: 'containers', count: 1, previous: 1, percent: 20 },
      { model: 'serverless_containers', label: 'serverless containers', count: 1, previous: 0, percent: 20 },
    ]);
  });

  it('lists completed reviews newest first with thread links', async () => {
    const view = await buildDigest((await seeded()).digest, target, NOW, { periodEnd: END });
    expect(view.completed.total).toBe(5);
    expect(view.completed.items.map((i) => i.workloadName)).toEqual(['kilo', 'charlie', 'bravo', 'alpha', 'mike']);
    expect(view.completed.items[0]!.link).toMatch(/^https:\/\/slack\.com\/archives\/C0CHAN1\/p1763000000\d{6}$/);
    expect(view.completed.items[0]!.recommended).toEqual({ model: 'serverless_containers', label: 'serverless containers' });
  });

  it('calls out decisions against the advice with the verdict and the advice given', async () => {
    const view = await buildDigest((await seeded()).digest, target, NOW, { periodEnd: END });
    expect(view.againstAdvice.total).toBe(2);
    expect(view.againstAdvice.items).toEqual([
      expect.objectContaining({
        workloadName: 'foxtrot',
        chosen: { model: 'vm', label: 'virtual machines' },
        chosenVerdict: 'unsuitable',
        recommended: { model: 'faas', label: 'functions (FaaS)' },
        note: null,
      }),
      expect.objectContaining({
        workloadName: 'bravo',
        chosen: { model: 'vm', label: 'virtual machines' },
        chosenVerdict: 'caution',
        recommended: { model: 'containers', label: 'containers' },
        note: 'ops team knows VMs',
      }),
    ]);
  });

  it('lists stalled interviews, longest idle first', async () => {
    const view = await buildDigest((await seeded()).digest, target, NOW, { periodEnd: END });
    expect(view.stalled).toEqual({ total: 1, items: [expect.objectContaining({ workloadName: 'india', idleDays: 3 })] });
    expect(view.stalledAfterHours).toBe(24);
    // a shorter threshold makes the other one stalled too
    const strict = await buildDigest((await seeded()).digest, target, NOW, { periodEnd: END, stalledAfterMs: HOUR });
    expect(strict.stalled.items.map((i) => i.workloadName)).toEqual(['india', 'hotel']);
  });

  it('covers the whole workspace when asked, and never another workspace or platform', async () => {
    const view = await buildDigest((await seeded()).digest, { ...target, scope: 'workspace', audience: 'workspace' }, NOW, {
      periodEnd: END,
    });
    expect(view.scopeLabel).toBe('Public channels across the workspace');
    expect(view.summary.completed).toEqual({ current: 6, previous: 1, delta: 5 });
    expect(view.completed.items.map((i) => i.workloadName)).toContain('delta');
    expect(view.completed.items.map((i) => i.workloadName)).not.toContain('golf');
    expect(view.completed.items.map((i) => i.workloadName)).not.toContain('juliet');
    expect(view.models.find((m) => m.model === 'vm')).toMatchObject({ count: 1 });
  });

  it('caps lists but keeps the totals', async () => {
    const view = await buildDigest((await seeded()).digest, target, NOW, { periodEnd: END, listLimit: 2 });
    expect(view.completed).toMatchObject({ total: 5 });
    expect(view.completed.items).toHaveLength(2);
  });

  it('defaults the period to the seven days up to now, and reports a quiet week', async () => {
    const t = await freshDb();
    const view = await buildDigest(t.digest, target, NOW);
    expect(view.period.to).toBe(NOW);
    expect(view.isQuiet).toBe(true);
    expect(view.completed).toEqual({ total: 0, items: [] });
    expect(view.models).toEqual([]);
  });

  it('has no links for Teams reviews', async () => {
    const view = await buildDigest((await seeded()).digest, { ...target, platform: 'teams' }, NOW, { periodEnd: END });
    expect(view.completed.items.map((i) => [i.workloadName, i.link])).toEqual([['juliet', null]]);
  });
});
