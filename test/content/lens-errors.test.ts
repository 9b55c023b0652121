import { describe, expect, it } from 'vitest';
import { LENS_HEAD, lensed, lensProblems } from '../helpers/lenses.js';

/** A well-formed extra rule, to place bad ones after (so list positions show in the path). */
const GOOD_RULE = `
  - id: test_good_rule
    when: { kind: { eq: api } }
    effects: { containers: { score: 1 } }
    reason: Fine.
    sources: [{ id: test_policy }]`;

/**
 * Every kind of bad lens, each with the one line it must produce: the file, the path inside it, what is wrong and
 * (where there is a list) what is allowed.
 */
const CASES: Array<{ what: string; lens: string; line: RegExp }> = [
  { what: 'not YAML', lens: 'name: [unclosed', line: /^lens0\.yaml: not valid YAML: / },
  { what: 'not a mapping', lens: '- a list', line: /^lens0\.yaml: a lens is a mapping with name, version, description/ },
  { what: 'a missing name', lens: 'version: "1"\ndescription: x', line: /^lens0\.yaml: name: required \(string\)$/ },
  {
    what: 'a bad name',
    lens: LENS_HEAD.replace('test-lens', 'Test Lens'),
    line: /^lens0\.yaml: name: a lens name is lowercase words joined by hyphens/,
  },
  {
    what: 'a version that is a number',
    lens: LENS_HEAD.replace('"1.0.0"', '1.5'),
    line: /^lens0\.yaml: version: expected string, got 1\.5$/,
  },
  { what: 'an unknown top-level field', lens: `${LENS_HEAD}rulez: []`, line: /^lens0\.yaml: \(root\): unknown field rulez$/ },
  {
    what: 'a condition with a wrong type, deep in a list',
    lens: `${LENS_HEAD}rules:${GOOD_RULE}${GOOD_RULE.replace('test_good_rule', 'test_second')}
  - id: test_bad
    when: { latencyTargetMs: { lt: fast } }
    effects: { faas: { score: -5 } }
    reason: Slow.
    sources: [{ id: test_policy }]`,
    line: /^lens0\.yaml: rules\[2\]\.when\.latencyTargetMs\.lt: expected number, got "fast"$/,
  },
  {
    what: 'a rule that reads an unknown fact',
    lens: `${LENS_HEAD}rules:${GOOD_RULE.replace('kind: { eq: api }', 'latencyTarget: { lt: 5 }')}`,
    line: /^lens0\.yaml: rules\[0\]: unknown fact latencyTarget; allowed: name, kind, .*latencyTargetMs/,
  },
  {
    what: 'a rule that reads a custom fact no question fills',
    lens: `${LENS_HEAD}rules:${GOOD_RULE.replace('kind: { eq: api }', 'custom.data_class: { eq: secret }')}`,
    line: /^lens0\.yaml: rules\[0\]: unknown fact custom\.data_class; allowed: /,
  },
  {
    what: 'a soft rule that rules a model out',
    lens: `${LENS_HEAD}rules:${GOOD_RULE.replace('containers: { score: 1 }', 'faas: { cap: unsuitable }')}`,
    line: /^lens0\.yaml: rules\[0\]\.effects\.faas\.cap: only hard evidence \(platform_limit, state_model, framework_table, organisation_ban\) may cap a model at unsuitable; this rule's evidence is soft$/,
  },
  {
    what: 'a rule that reads a cost fact and caps',
    lens: `${LENS_HEAD}rules:${GOOD_RULE.replace('kind: { eq: api }', 'vmCostVsCheapest: { gt: 2 }').replace('containers: { score: 1 }', 'vm: { cap: caution }')}`,
    line: /^lens0\.yaml: rules\[0\]: a rule that reads a cost fact .* cannot cap a model/,
  },
  {
    what: 'a note placeholder that does not exist',
    lens: `${LENS_HEAD}rules:${GOOD_RULE.replace('{ score: 1 }', '{ score: 1, note: "over {nope}" }')}`,
    line: /^lens0\.yaml: rules\[0\]\.effects\.containers\.note: unknown placeholder \{nope\}; allowed: cloud, faasService, /,
  },
  {
    what: 'a rule citing an unknown source',
    lens: `${LENS_HEAD}rules:${GOOD_RULE.replace('id: test_policy', 'id: missing_policy')}`,
    line: /^lens0\.yaml: rules\[0\]\.sources: unknown source missing_policy; allowed: .*test_policy, platform\.\*, prices$/,
  },
  {
    what: "a rule that takes a built-in rule's id",
    lens: `${LENS_HEAD}rules:${GOOD_RULE.replace('test_good_rule', 'faas_max_duration')}`,
    line: /^lens0\.yaml: rules\[0\]\.id: faas_max_duration is already a rule \(the built-in rules\); choose a new id, or add replaces: faas_max_duration$/,
  },
  {
    what: 'a rule that replaces a rule that does not exist',
    lens: `${LENS_HEAD}rules:${GOOD_RULE}\n    replaces: no_such_rule`,
    line: /^lens0\.yaml: rules\[0\]\.replaces: there is no rule no_such_rule to replace; allowed: faas_max_duration, /,
  },
  {
    what: 'an adjustment of a rule that does not exist',
    lens: `${LENS_HEAD}adjust: [{ id: no_such_rule, disable: true, reason: Gone. }]`,
    line: /^lens0\.yaml: adjust\[0\]\.id: there is no rule no_such_rule to adjust; allowed: faas_max_duration, /,
  },
  {
    what: 'an adjustment that lets soft evidence rule a model out',
    lens: `${LENS_HEAD}adjust: [{ id: skills_none, effects: { containers: { cap: unsuitable } }, reason: No., source: { id: test_policy } }]`,
    line: /^lens0\.yaml: adjust\[0\]\.effects\.containers\.cap: skills_none rests on soft evidence, which may cap a model at caution at worst$/,
  },
  {
    what: 'an adjustment without a source',
    lens: `${LENS_HEAD}adjust: [{ id: skills_none, effects: { containers: { score: 0 } }, reason: No. }]`,
    line: /^lens0\.yaml: adjust\[0\]\.source: required \(object\)$/,
  },
  {
    what: 'a ban without a reason',
    lens: `${LENS_HEAD}models: { faas: { allowed: false, source: { id: test_policy } } }`,
    line: /^lens0\.yaml: models\.faas\.reason: a model with allowed: false needs a reason \(shown on the card\)$/,
  },
  {
    what: 'a ban without a source',
    lens: `${LENS_HEAD}models: { faas: { allowed: false, reason: "No functions here" } }`,
    line: /^lens0\.yaml: models\.faas\.source: a model with allowed: false needs a source/,
  },
  {
    what: 'a ban citing an unknown source',
    lens: `${LENS_HEAD}models: { faas: { allowed: false, reason: "No functions here", source: { id: nope } } }`,
    line: /^lens0\.yaml: models\.faas\.source: unknown source nope; allowed: /,
  },
  {
    what: 'a model that does not exist',
    lens: `${LENS_HEAD}models: { mainframe: { allowed: false } }`,
    line: /^lens0\.yaml: models(\.mainframe)?: .*(vm, containers, serverless_containers, faas, wasm_edge|mainframe)/,
  },
  {
    what: 'a link that is not https',
    lens: `${LENS_HEAD}models: { containers: { links: [{ title: Wiki, url: "http://wiki.example/aks" }] } }`,
    line: /^lens0\.yaml: models\.containers\.links\[0\]\.url: an https URL$/,
  },
  {
    what: 'a discount over 95%',
    lens: `${LENS_HEAD}prices: { discounts: { azure: { vm: 1.5 } } }`,
    line: /^lens0\.yaml: prices\.discounts\.azure\.vm: a discount is a share of the list price, from 0 to 0\.95$/,
  },
  {
    what: 'a discount for a cloud that does not exist',
    lens: `${LENS_HEAD}prices: { discounts: { ibm: { vm: 0.1 } } }`,
    line: /^lens0\.yaml: prices\.discounts: unknown field ibm$/,
  },
  {
    what: 'a price entry of the wrong type',
    lens: `${LENS_HEAD}prices: { overrides: { azure: { containers: { controlPlanePerHour: free } } } }`,
    line: /^lens0\.yaml: prices\.overrides\.azure\.containers\.controlPlanePerHour: expected number, got "free"$/,
  },
  {
    what: 'a VM price entry missing what a new machine needs',
    lens: `${LENS_HEAD}prices: { overrides: { aws: { vms: [{ name: x9.huge, vcpus: 64, memoryGb: 256, onDemandPerHour: 1, source: { title: Ours, url: "https://p.example", read: "2026-12-01" } }] } } }`,
    line: /^lens0\.yaml: prices\.overrides\.aws\.vms\[\d+\]\.family: missing; allowed: general, memory, gpu$/,
  },
  {
    what: 'a default outside the allowed values',
    lens: `${LENS_HEAD}defaults: { cloud: ibm }`,
    line: /^lens0\.yaml: defaults\.cloud: got "ibm"; allowed: aws, azure, gcp$/,
  },
  {
    what: 'a default for a field a requester must answer',
    lens: `${LENS_HEAD}defaults: { kind: api }`,
    line: /^lens0\.yaml: defaults: unknown field kind$/,
  },
  {
    what: 'a question that fills a profile field',
    lens: `${LENS_HEAD}questions: [{ id: team_size, field: teamSize, text: "How big?", help: "e.g. 5", type: number, unit: ratio }]`,
    line: /^lens0\.yaml: questions\[0\]\.field: a lens question fills a custom fact, like custom\.team_size; got teamSize$/,
  },
  {
    what: "a question that takes a built-in question's id",
    lens: `${LENS_HEAD}questions: [{ id: traffic_shape, field: custom.traffic_shape, text: "Shape?", help: "e.g. yes", type: yes_no }]`,
    line: /^lens0\.yaml: questions\[0\]\.id: question id traffic_shape is already defined by prompts\/interview\.yaml; choose another id$/,
  },
  {
    what: 'a question whose askWhen reads a fact no earlier question asks',
    lens: `${LENS_HEAD}questions: [{ id: eu_data, field: custom.eu_data, text: "EU?", help: "e.g. yes", type: yes_no, askWhen: { custom.data_class: { eq: secret } } }]`,
    line: /^lens0\.yaml: questions\[0\]: askWhen reads "custom\.data_class", which is not an answered profile field; allowed: /,
  },
  {
    what: 'a question of a type the schema does not know',
    lens: `${LENS_HEAD}questions: [{ id: eu_data, field: custom.eu_data, text: "EU?", help: "e.g. yes", type: slider }]`,
    line: /^lens0\.yaml: questions\[0\]\.type: got "slider"; allowed: single_choice, multi_choice, number, yes_no, text$/,
  },
  {
    what: 'a source id the built-in sources use',
    lens: `${LENS_HEAD}  ciopages_compute_models: { title: "Mine", read: "2026-12-01" }`,
    line: /^lens0\.yaml: sources\.ciopages_compute_models: source ciopages_compute_models is already defined by rules\/sources\.yaml; choose another id$/,
  },
  {
    what: 'a test that expects nothing',
    lens: `${LENS_HEAD}tests: [{ name: empty, profile: { kind: api }, expect: {} }]`,
    line: /^lens0\.yaml: tests\[0\]\.expect: expect needs recommended, verdicts or both$/,
  },
  {
    what: 'a test expecting a verdict that does not exist',
    lens: `${LENS_HEAD}tests: [{ name: bad, profile: { kind: api }, expect: { verdicts: { faas: great } } }]`,
    line: /^lens0\.yaml: tests\[0\]\.expect\.verdicts\.faas: /,
  },
];

describe('a bad lens is one line per problem naming the file, the path inside it and what is allowed', () => {
  it.each(CASES)('$what', ({ lens, line }) => {
    const problems = lensProblems(lens);
    expect(problems, problems.join('\n')).toHaveLength(1);
    expect(problems[0]).toMatch(line);
  });

  it('every problem of a lens at once, each on its own line', () => {
    const problems = lensProblems(`${LENS_HEAD}defaults: { cloud: ibm }\nprices: { discounts: { azure: { vm: 2 } } }`);
    expect(problems).toEqual([
      'lens0.yaml: defaults.cloud: got "ibm"; allowed: aws, azure, gcp',
      'lens0.yaml: prices.discounts.azure.vm: a discount is a share of the list price, from 0 to 0.95',
    ]);
  });

  it("two lenses of the same name, or a second lens claiming the first one's rule id", () => {
    expect(lensProblems(LENS_HEAD, LENS_HEAD)).toEqual([
      'lens1.yaml: name: a lens named test-lens is already applied',
      'lens1.yaml: sources.test_policy: source test_policy is already defined by lens test-lens; choose another id',
    ]);
    const first = `${LENS_HEAD}rules:${GOOD_RULE}`;
    const second = `name: second\nversion: "1"\ndescription: x\nrules:${GOOD_RULE}`;
    expect(lensProblems(first, second)).toEqual([
      'lens1.yaml: rules[0].id: test_good_rule is already a rule (lens test-lens); choose a new id, or add replaces: test_good_rule',
    ]);
  });

  it('the good lens next to each bad one loads (so each case fails only on its own problem)', () => {
    expect(lensed(`${LENS_HEAD}rules:${GOOD_RULE}`).content.lenses?.active.map((l) => l.name)).toEqual(['test-lens']);
  });
});
