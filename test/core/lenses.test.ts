import { describe, expect, it } from 'vitest';
import { loadDecisionContent } from '../../src/content/load-rules.js';
import { loadLensedContent, parseLens, readLens } from '../../src/content/load-lenses.js';
import {
  answerCurrent,
  currentQuestion,
  startInterview,
  toProfile,
  type InterviewState,
} from '../../src/core/interview/interview-engine.js';
import { runLensTests } from '../../src/core/lens-tests.js';
import { parseProfile, type WorkloadProfileInput } from '../../src/core/profile.js';
import { sourceText } from '../../src/core/explain.js';
import { evaluateProfile, recommend, ruledOutByAnswers } from '../../src/core/recommend.js';
import { toRecommendationView } from '../../src/render/recommendation-view.js';
import { LENS_HEAD, lensed } from '../helpers/lenses.js';
import { EXAMPLE_LENSES, profileOf } from './decision-helpers.js';

const builtIn = loadDecisionContent();
/** Sporadic event handling: functions lead on the built-in rules. */
const EVENTS: Partial<WorkloadProfileInput> = {
  kind: 'event_processing',
  traffic: 'sporadic',
  runsPerDay: 2000,
  durationSeconds: 2,
  memoryMb: 256,
};
/** A steady API with a volume: every model gets a figure. */
const API: Partial<WorkloadProfileInput> = {
  kind: 'api',
  traffic: 'steady',
  avgRequestsPerSecond: 100,
  durationSeconds: 0.1,
  memoryMb: 1024,
};

const BAN_FAAS = `${LENS_HEAD}models:
  faas:
    allowed: false
    reason: "We run no function platform"
    source: { id: test_policy, section: "2.1 Platforms" }
  containers:
    links: [{ title: "Cluster golden path", url: "https://wiki.example/golden-path" }]`;

describe('a lens ban', () => {
  it('rules the model out as an organisation ban, with the reason on its verdict and cost row and the policy cited', () => {
    expect(recommend(builtIn, profileOf(EVENTS)).recommended).toBe('faas');
    const content = lensed(BAN_FAAS).content;
    const rec = recommend(content, profileOf(EVENTS));
    expect(rec.verdicts.faas).toBe('unsuitable');
    expect(rec.recommended).not.toBe('faas');
    const faas = rec.ranking.find((r) => r.model === 'faas')!;
    expect(faas.reasons[0]).toBe('We run no function platform');
    expect(faas.evidence).toBe('organisation_ban');
    expect(rec.costEstimates.find((e) => e.model === 'faas')?.notRunnable).toBe('We run no function platform');
    const ban = content.ruleSet.rules.find((r) => r.id === 'test_lens_bans_faas');
    expect(ban).toMatchObject({ evidence: 'organisation_ban', sources: [{ id: 'test_policy', section: '2.1 Platforms' }] });
    expect(sourceText(ban!.sources, content, 'aws')).toBe('Test Policy: 2.1 Platforms');
  });

  it('outranks every other cap on the same model', () => {
    // A long run: faas_max_duration caps functions at unsuitable too; the ban is the reason shown.
    const rec = recommend(lensed(BAN_FAAS).content, profileOf({ ...EVENTS, durationSeconds: 3600 }));
    expect(rec.ranking.find((r) => r.model === 'faas')?.reasons[0]).toBe('We run no function platform');
  });

  it('takes part in the interview skip logic as soon as it is known (always)', () => {
    expect(ruledOutByAnswers(lensed(BAN_FAAS).content, {}).has('faas')).toBe(true);
    expect(ruledOutByAnswers(builtIn, {}).has('faas')).toBe(false);
  });
});

describe('lens links', () => {
  it('travel with the recommendation to the view, under their model', () => {
    const rec = recommend(lensed(BAN_FAAS).content, profileOf(API));
    expect(rec.links).toEqual({ containers: [{ title: 'Cluster golden path', url: 'https://wiki.example/golden-path' }] });
    const view = toRecommendationView(rec);
    expect(view.verdicts.find((v) => v.model === 'containers')?.links).toEqual([
      { title: 'Cluster golden path', url: 'https://wiki.example/golden-path' },
    ]);
    expect(view.verdicts.find((v) => v.model === 'vm')?.links).toEqual([]);
    expect(view.footer.text).toMatch(/ · Lens test-lens 1\.0\.0$/);
  });
});

const RULES = `${LENS_HEAD}rules:
  - id: test_prefer_vms
    when: { kind: { eq: api } }
    effects: { vm: { score: 40, note: "Our VM platform is the standard" } }
    reason: "Our VM platform is the standard for APIs."
    sources: [{ id: test_policy }]
  - id: test_stricter_duration
    replaces: faas_max_duration
    evidence: organisation_ban
    when: { durationSeconds: { gt: 1 } }
    effects: { faas: { cap: unsuitable, note: "Functions here may run 1 s at most" } }
    reason: "Our function platform stops runs after 1 s."
    sources: [{ id: test_policy }]`;

describe('lens rules', () => {
  it("add to the built-in rules, cited by the lens's own source", () => {
    const rec = recommend(lensed(RULES).content, profileOf(API));
    expect(recommend(builtIn, profileOf(API)).recommended).not.toBe('vm');
    expect(rec.recommended).toBe('vm');
    expect(rec.decidingRules[0]).toMatchObject({ id: 'test_prefer_vms', source: 'Test Policy' });
  });

  it("replace a built-in rule by id: the built-in one is gone, the lens's stands in its place", () => {
    const { content } = lensed(RULES);
    const ids = content.ruleSet.rules.map((r) => r.id);
    expect(ids).not.toContain('faas_max_duration');
    expect(ids.indexOf('test_stricter_duration')).toBe(builtIn.ruleSet.rules.findIndex((r) => r.id === 'faas_max_duration'));
    expect(recommend(builtIn, profileOf(EVENTS)).verdicts.faas).not.toBe('unsuitable');
    expect(recommend(content, profileOf(EVENTS)).verdicts.faas).toBe('unsuitable');
  });
});

describe('lens adjustments', () => {
  it('disable a built-in rule: it no longer fires', () => {
    const profile = profileOf({ ...API, containerSkills: 'none' });
    const fired = (content = builtIn) => evaluateProfile(content, profile).fired.some((rule) => rule.id === 'skills_none');
    expect(fired()).toBe(true);
    const { content } = lensed(`${LENS_HEAD}adjust: [{ id: skills_none, disable: true, reason: "The platform team runs the cluster" }]`);
    expect(content.ruleSet.rules.some((r) => r.id === 'skills_none')).toBe(false);
    expect(fired(content)).toBe(false);
  });

  it("change a built-in rule's effect on one model, keeping the others, and cite the lens next to its sources", () => {
    const { content } = lensed(
      `${LENS_HEAD}adjust: [{ id: skills_none, effects: { containers: { score: -2, note: "Golden path" } }, reason: "Platform team", source: { id: test_policy } }]`,
    );
    const rule = content.ruleSet.rules.find((r) => r.id === 'skills_none')!;
    expect(rule.effects.find((e) => e.model === 'containers')).toMatchObject({ score: -2, note: 'Golden path' });
    expect(rule.effects.find((e) => e.model === 'faas')?.score).toBe(
      builtIn.ruleSet.rules.find((r) => r.id === 'skills_none')!.effects.find((e) => e.model === 'faas')?.score,
    );
    expect(rule.sources.at(-1)).toEqual({ id: 'test_policy' });
  });
});

describe('lens prices', () => {
  it("a discount lowers that model's figures on that cloud only, and the card says a lens changed prices", () => {
    const { content } = lensed(`${LENS_HEAD}prices: { discounts: { azure: { vm: 0.3 } } }`);
    const figure = (c = builtIn, cloud: 'aws' | 'azure' = 'azure') =>
      recommend(c, profileOf({ ...API, cloud })).costEstimates.find((e) => e.model === 'vm')!;
    expect(figure(content).monthlyUsd).toBeCloseTo(figure().monthlyUsd! * 0.7, 6);
    expect(figure(content).committedMonthlyUsd).toBeCloseTo(figure().committedMonthlyUsd! * 0.7, 6);
    expect(figure(content).basis).toMatch(/less 30% \(lens test-lens\)$/);
    expect(figure(content, 'aws').monthlyUsd).toBe(figure(builtIn, 'aws').monthlyUsd);
    expect(recommend(content, profileOf({ ...API, cloud: 'azure' })).costAssumptions).toContain('prices changed by lens test-lens');
    expect(recommend(content, profileOf({ ...API, cloud: 'aws' })).costAssumptions).not.toContain('lens');
  });

  it("a price entry replaces the table's own, checked like the table", () => {
    const { content } = lensed(`${LENS_HEAD}prices: { overrides: { aws: { containers: { controlPlanePerHour: 0 } } } }`);
    expect(content.prices.clouds.aws.containers.controlPlanePerHour).toBe(0);
    expect(builtIn.prices.clouds.aws.containers.controlPlanePerHour).toBeGreaterThan(0);
    const cost = (c = builtIn) =>
      recommend(c, profileOf({ ...API, cloud: 'aws' })).costEstimates.find((e) => e.model === 'containers')!.monthlyUsd!;
    expect(cost(content)).toBeLessThan(cost());
  });

  it("a later lens's discount replaces an earlier one's", () => {
    const second = `name: second\nversion: "2"\ndescription: x\nprices: { discounts: { azure: { vm: 0.5 } } }`;
    const { content } = lensed(`${LENS_HEAD}prices: { discounts: { azure: { vm: 0.3 } } }`, second);
    expect(content.lenses?.discounts.azure?.vm).toEqual({ share: 0.5, lens: 'second' });
    expect(content.lenses?.priceChangedBy.azure).toEqual(['test-lens', 'second']);
  });
});

describe('lens defaults', () => {
  const { content } = lensed(`${LENS_HEAD}defaults: { cloud: gcp, existingCluster: true }`);
  it('stand in for fields left out, and the card names the lens', () => {
    const parsed = parseProfile(
      { name: 'x', kind: 'api', traffic: 'steady', durationSeconds: 0.1, avgRequestsPerSecond: 5 },
      content.lenses?.defaults,
    );
    expect(parsed.success && parsed.data.cloud).toBe('gcp');
    expect(parsed.success && parsed.data.existingCluster).toBe(true);
    const rec = recommend(content, parsed.data!, { defaulted: parsed.defaulted });
    expect(rec.costAssumptions).toContain('(no cloud was named; Google Cloud is the default of lens test-lens)');
    expect(rec.inputs.defaultsApplied.find((d) => d.field === 'cloud')).toEqual({
      field: 'cloud',
      value: 'gcp',
      note: 'not answered: the default of lens test-lens',
    });
    // The card marks both values the lens filled in, not only the cloud.
    expect(toRecommendationView(rec).basedOn.slice(-2)).toEqual(['Google Cloud (assumed)', 'existing Kubernetes cluster (assumed)']);
  });
  it('never override an answer given', () => {
    const parsed = parseProfile(
      { name: 'x', kind: 'api', traffic: 'steady', durationSeconds: 0.1, cloud: 'aws' },
      content.lenses?.defaults,
    );
    expect(parsed.success && parsed.data.cloud).toBe('aws');
    expect(parsed.defaulted).not.toContain('cloud');
  });
});

const QUESTIONS = `${LENS_HEAD}questions:
  - id: data_class
    field: custom.data_class
    text: "How sensitive is the data?"
    help: "e.g. secret"
    type: single_choice
    choices: [{ value: open, label: Open }, { value: secret, label: "Secret (regulated)" }]
  - id: eu_only
    field: custom.eu_only
    text: "Must it stay in the EU?"
    help: "e.g. yes"
    type: yes_no
    askWhen: { custom.data_class: { eq: secret } }
rules:
  - id: test_secret_not_at_edge
    evidence: organisation_ban
    when: { custom.data_class: { eq: secret } }
    effects: { wasm_edge: { cap: unsuitable, note: "Secret data never goes to the edge" } }
    reason: "Secret data stays in our tenancy."
    sources: [{ id: test_policy }]`;

describe('lens questions', () => {
  const { content, script } = lensed(QUESTIONS);
  const ctx = { script, ruledOut: (partial: Readonly<Record<string, unknown>>) => ruledOutByAnswers(content, partial) };

  /** Answers the interview with the first choice / yes / the built-in plan, except the given answers by question id. */
  function interview(answers: Record<string, string>): { state: InterviewState; asked: string[] } {
    const started = startInterview('secrets-api');
    if (started.kind !== 'started') throw new Error('not started');
    let state = started.state;
    const asked: string[] = [];
    const plan: Record<string, string> = { workload_kind: 'api', traffic_shape: 'steady', request_rate: '10', typical_duration: '100 ms' };
    for (let question = currentQuestion(ctx, state); question; question = currentQuestion(ctx, state)) {
      asked.push(question.id);
      const text = answers[question.id] ?? plan[question.id] ?? (question.optional ? 'skip' : (question.choices?.[0]?.value ?? 'no'));
      const outcome = answerCurrent(ctx, state, text);
      if (outcome.kind !== 'accepted') throw new Error(`${question.id}: ${outcome.kind} ${'message' in outcome ? outcome.message : ''}`);
      state = outcome.state;
    }
    return { state, asked };
  }

  it("are asked after the built-in ones, where their askWhen holds, and fill the profile's custom answers", () => {
    const open = interview({ data_class: 'open' });
    expect(open.asked.at(-1)).toBe('data_class');
    expect(open.asked).not.toContain('eu_only');
    const secret = interview({ data_class: 'secret', eu_only: 'yes' });
    expect(secret.asked.slice(-2)).toEqual(['data_class', 'eu_only']);
    const profile = toProfile(ctx, secret.state);
    expect(profile.ok && profile.profile.custom).toEqual({ data_class: 'secret', eu_only: true });
  });

  it("feed the lens's rules through custom.<id> facts, and the card lists the answers", () => {
    const EDGE = { kind: 'api', traffic: 'bursty', avgRequestsPerSecond: 20, durationSeconds: 0.005, memoryMb: 64, edge: true } as const;
    expect(recommend(content, profileOf({ ...EDGE, custom: { data_class: 'open' } })).recommended).toBe('wasm_edge');
    const secret = recommend(content, profileOf({ ...EDGE, custom: { data_class: 'secret' } }));
    expect(secret.verdicts.wasm_edge).toBe('unsuitable');
    expect(secret.ranking.find((r) => r.model === 'wasm_edge')?.reasons[0]).toBe('Secret data never goes to the edge');
    expect(secret.inputs.customAnswers).toEqual(['data class: Secret']);
    expect(toRecommendationView(secret).basedOn.at(-1)).toBe('data class: Secret');
  });

  it('rule models out during the interview once answered', () => {
    expect(ruledOutByAnswers(content, { 'custom.data_class': 'secret' }).has('wasm_edge')).toBe(true);
    expect(ruledOutByAnswers(content, { 'custom.data_class': 'open' }).has('wasm_edge')).toBe(false);
  });
});

describe('rulesVersion', () => {
  it('names each lens with its version and a hash of its text, so an edit shows in every stored result', () => {
    const a = lensed(BAN_FAAS).content.ruleSet.rulesVersion;
    expect(a).toMatch(new RegExp(`^${builtIn.ruleSet.rulesVersion.replace(/[.+]/g, '\\$&')};test-lens@1\\.0\\.0#[0-9a-f]{12}$`));
    expect(lensed(`${BAN_FAAS}\n# a comment`).content.ruleSet.rulesVersion).not.toBe(a);
    expect(lensed(BAN_FAAS, 'name: second\nversion: "7"\ndescription: x').content.ruleSet.rulesVersion).toMatch(
      /;test-lens@1\.0\.0#\w+;second@7#\w+$/,
    );
    expect(recommend(lensed(BAN_FAAS).content, profileOf(API)).lenses).toEqual([{ name: 'test-lens', version: '1.0.0' }]);
  });

  it('is the built-in one, and the content unchanged, without lenses', () => {
    const none = lensed();
    expect(none.content.ruleSet.rulesVersion).toBe(builtIn.ruleSet.rulesVersion);
    expect(none.content.lenses).toBeUndefined();
    expect(recommend(none.content, profileOf(API))).toEqual(recommend(builtIn, profileOf(API)));
  });
});

describe('a lens that does not apply whole', () => {
  it('is never applied in part: nothing of it reaches the content', () => {
    const broken = `${RULES}\nadjust: [{ id: no_such_rule, disable: true, reason: x }]`;
    expect(() => lensed(broken)).toThrow(/adjust\[0\]\.id: there is no rule no_such_rule/);
    // The same lens without its one bad line applies; with it, the server never starts (see broken-content-exits).
    expect(lensed(RULES).content.ruleSet.rules.some((r) => r.id === 'test_prefer_vms')).toBe(true);
  });
});

describe('lens tests', () => {
  it('the example lenses pass their own tests', () => {
    for (const path of EXAMPLE_LENSES) {
      const { content } = loadLensedContent([path]);
      const results = runLensTests(content, [readLens(path).lens]);
      expect(results.length).toBeGreaterThan(0);
      expect(results.filter((r) => r.failures.length > 0)).toEqual([]);
    }
  });

  it('a failing case says what differed', () => {
    const text = `${BAN_FAAS}
tests:
  - name: events go to functions
    profile: { kind: event_processing, traffic: sporadic, runsPerDay: 2000, durationSeconds: 2, memoryMb: 256 }
    expect: { recommended: faas, verdicts: { faas: [optimal, good], vm: optimal } }
  - name: a bad profile
    profile: { kind: rocket, traffic: steady, durationSeconds: 1 }
    expect: { recommended: vm }
  - name: an answer no lens asks for
    profile: { kind: api, traffic: steady, durationSeconds: 1, custom: { colour: blue } }
    expect: { recommended: vm }`;
    const results = runLensTests(lensed(text).content, [parseLens(text, 'lens.yaml').lens]);
    expect(results[0]!.failures).toHaveLength(3);
    expect(results[0]!.failures[0]).toMatch(/^recommended \w+, expected faas$/);
    expect(results[0]!.failures[1]).toMatch(/^vm is \w+, expected optimal \(.+\)$/);
    expect(results[0]!.failures[2]).toBe('faas is unsuitable, expected optimal or good (We run no function platform)');
    expect(results[1]!.failures).toEqual([expect.stringMatching(/^tests\[1\]\.profile\.kind: got "rocket"; allowed: api, /)]);
    expect(results[2]!.failures).toEqual([
      'tests[2].profile.custom.colour: no active lens asks this; allowed: (none: no lens has questions)',
    ]);
  });
});
