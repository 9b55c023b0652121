import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/core/models.js';
import type { WorkloadProfile } from '../../src/core/profile.js';
import { evaluateProfile, recommend } from '../../src/core/recommend.js';
import { findAnswerChanges } from '../../src/core/what-would-change.js';
import { deriveFacts } from '../../src/core/workload-facts.js';
import { content, exampleFiles, loadExample } from './decision-helpers.js';

/** Every single-answer change the search finds, without the card's limit of four. */
function allChanges(profile: WorkloadProfile) {
  const rec = recommend(content, profile);
  const facts = deriveFacts(profile, content.prices);
  return findAnswerChanges(profile, rec.recommended, content.ruleSet, content.prices, facts.faasBreakEvenPerSecond, (p) => evaluateProfile(content, p).order[0] as Model, 100);
}

describe('what would change the answer', () => {
  const shortBatch = loadExample('short-batch-job.yaml');

  it('short batch job: one run over 15 minutes would move it off functions', () => {
    const change = allChanges(shortBatch).find((c) => c.field === 'durationSeconds');
    expect(change).toBeDefined();
    expect(change!.text).toMatch(/^If one run took over 15 minutes, .+ would be recommended\.$/);
    expect(change!.value as number).toBeGreaterThan(900);
    expect(change!.value as number).toBeLessThan(905);
    expect(change!.recommended).not.toBe('faas');
  });

  // KNOWN BUG (reported): every categorical change counts as size 1 while a numeric change counts |ln(new/old)|, so
  // 300 s -> 901 s (size 1.1) loses to "If it were a api workload" and three other categorical switches, and the
  // card's limit of four drops the DESIGN.md example "If one run took over 15 minutes, ... would win".
  it('short batch job: the card itself mentions the 15-minute limit', () => {
    expect(recommend(content, shortBatch).whatWouldChange.join('\n')).toMatch(/15 minutes/);
  });

  it('at most four entries, one per answer, smallest change first', () => {
    for (const file of exampleFiles()) {
      const rec = recommend(content, loadExample(file));
      expect(rec.changes.length).toBeLessThanOrEqual(4);
      expect(new Set(rec.changes.map((c) => c.field)).size).toBe(rec.changes.length);
      expect(rec.whatWouldChange).toEqual(rec.changes.map((c) => c.text));
    }
  });

  it('each entry names the model that would then be recommended, and it really is', () => {
    for (const file of exampleFiles()) {
      const profile = loadExample(file);
      const rec = recommend(content, profile);
      for (const change of rec.changes) {
        const changed = { ...profile, [change.field]: change.value } as WorkloadProfile;
        if (change.value === undefined) delete (changed as Record<string, unknown>)[change.field];
        expect(recommend(content, changed).recommended, `${file}: ${change.text}`).toBe(change.recommended);
        expect(change.recommended).not.toBe(rec.recommended);
      }
    }
  });

  it('a volume change is phrased around the break-even', () => {
    const rec = recommend(content, loadExample('pci-payments-api.yaml'));
    expect(rec.whatWouldChange.join('\n')).toMatch(/If traffic averaged under [\d.]+ requests\/s, .+ would be recommended\./);
  });

  it('a latency target can be dropped or moved', () => {
    const rec = recommend(content, loadExample('edge-personalisation.yaml'));
    expect(rec.whatWouldChange[0]).toBe('If the p99 target were at least 100 ms, containers would be recommended.');
  });

  it('legacy OS-dependent app: nothing short of a different kind of workload moves it off VMs', () => {
    const rec = recommend(content, loadExample('legacy-os-app.yaml'));
    expect(rec.changes.map((c) => c.field)).toEqual(['kind']);
  });

  // KNOWN BUG (reported): with no latency target, the probe just under 100 ms (99.9) is phrased with "at least"
  // because the direction is taken as "up" whenever the current value is absent. It should read "under 100 ms".
  it('a new latency target below a threshold is phrased "under"', () => {
    const change = allChanges(shortBatch).find((c) => c.field === 'latencyTargetMs');
    expect(change?.value).toBeLessThan(100);
    expect(change!.text).toMatch(/p99 target were under 100 ms/);
  });

  // KNOWN BUG (reported): enum values are shown raw: "If it were a api workload", "If it needed windows".
  it('reads as plain English', () => {
    const texts = exampleFiles().flatMap((f) => recommend(content, loadExample(f)).whatWouldChange);
    expect(texts.filter((t) => /\ba api\b|\ba event\b|needed (windows|specific linux|custom kernel)\b/.test(t))).toEqual([]);
  });
});
