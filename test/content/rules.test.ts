import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContentError } from '../../src/errors.js';
import {
  buildDecisionContent,
  KNOWN_FACTS,
  loadDecisionContent,
  readRuleTexts,
  RULE_FILES,
  rulesVersionOf,
} from '../../src/content/load-rules.js';
import { CLOUDS } from '../../src/core/clouds.js';
import { MODELS, VERDICTS } from '../../src/core/models.js';

const texts = readRuleTexts();

const HEAD = `version: "2026.1.0"
baseScore: 50
thresholds: { optimal: 75, good: 55 }
tieMargin: 5
tieBreakOrder: [containers, serverless_containers, vm, faas, wasm_edge]
rules:
`;
const GOOD_RULE = `  - { id: fine_rule, when: { kind: { eq: api } }, effects: { faas: { score: 5 } }, reason: "A reason.", sources: [{ id: ciopages_compute_models }] }\n`;

/** The ContentError the content raises with these files replaced; fails the test if it loads. */
function problemsOf(replaced: Record<string, string>): { error: ContentError; problems: string[] } {
  try {
    buildDecisionContent({ ...texts, ...replaced });
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return { error: error as ContentError, problems: [...(error as ContentError).problems] };
  }
  throw new Error('expected the content to be rejected');
}
const rules = (body: string) => problemsOf({ 'rules.yaml': HEAD + body });

describe('shipped rules, prices and platform facts', () => {
  const content = loadDecisionContent();

  it('load and validate', () => {
    expect(content.ruleSet.rules.length).toBeGreaterThan(40);
    for (const cloud of CLOUDS) expect(content.prices.clouds[cloud].currency).toBe('USD');
  });

  it('every rule names a reason and sources that resolve, and every id is unique snake_case', () => {
    const ids = content.ruleSet.rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of content.ruleSet.rules) {
      expect(rule.id).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
      expect(rule.reason.length, rule.id).toBeGreaterThan(0);
      expect(rule.sources.length, rule.id).toBeGreaterThan(0);
      for (const ref of rule.sources)
        expect(ref.id in content.references || ref.id.startsWith('platform.') || ref.id === 'prices', `${rule.id}: ${ref.id}`).toBe(true);
    }
  });

  it('every price and platform fact names an https source and the day it was read', () => {
    const sources: Array<{ url?: string; read: string }> = [];
    for (const cloud of CLOUDS) {
      const p = content.prices.clouds[cloud];
      sources.push(
        p.faas.source,
        p.faas.warm.source,
        p.serverlessContainers.source,
        p.containers.source,
        p.commitment1y.source,
        p.spot.source,
        ...p.vms.map((v) => v.source),
      );
      if (p.gateway) sources.push(p.gateway.source);
      const f = content.platforms.clouds[cloud];
      sources.push(...f.faas.sources, ...f.serverless_containers.sources, ...f.containers.sources, ...f.vm.sources);
    }
    sources.push(content.prices.edge.source, ...content.platforms.edge.sources, ...content.platforms.startTimes.sources);
    for (const source of sources) {
      expect(source.url).toMatch(/^https:\/\//);
      expect(source.read).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    for (const reference of Object.values(content.references)) expect(reference.read).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('cites the decision framework article by its public title, never a file name', () => {
    expect(content.references.ciopages_compute_models?.title).toBe(
      'CIOPages, "Compute Models Explained: VMs, Containers, and Serverless" (2025)',
    );
    for (const text of Object.values(texts)) expect(text).not.toMatch(/seed 00\d|_[0-9a-f]{12}\.txt|\.\.\/shared/);
  });

  it('loads the same from an explicit folder as from the default', () => {
    expect(loadDecisionContent(join(process.cwd(), 'rules')).ruleSet.rulesVersion).toBe(content.ruleSet.rulesVersion);
  });
});

describe('rulesVersion', () => {
  const shipped = loadDecisionContent().ruleSet.rulesVersion;

  it('is the rule set version, a plus sign and 12 hex characters of the content hash', () => {
    expect(shipped).toMatch(/^\d{4}\.\d{1,2}\.\d+\+[0-9a-f]{12}$/);
    expect(shipped).toBe(rulesVersionOf(shipped.split('+')[0]!, texts));
  });

  it.each(Object.values(RULE_FILES))('changes when %s changes, even by a comment', (file) => {
    expect(buildDecisionContent({ ...texts, [file]: `${texts[file]}\n# a comment\n` }).ruleSet.rulesVersion).not.toBe(shipped);
  });

  it('does not confuse text moved between two files', () => {
    expect(rulesVersionOf('1', { a: 'ab', b: 'c' })).not.toBe(rulesVersionOf('1', { a: 'a', b: 'bc' }));
  });
});

describe('invalid rules are rejected with a ContentError naming the rule, the field and what is allowed', () => {
  it('accepts the minimal good rule (the baseline for the cases below)', () => {
    expect(buildDecisionContent({ ...texts, 'rules.yaml': HEAD + GOOD_RULE }).ruleSet.rules.map((r) => r.id)).toEqual(['fine_rule']);
  });

  it('an unknown fact, in a condition or a score curve', () => {
    const { error, problems } = rules(
      `  - { id: bad_fact, when: { fooBar: { eq: 1 } }, effects: { faas: { score: { fact: barBaz, points: [[0, 0], [1, 1]] } } }, reason: "R.", sources: [{ id: prices }] }\n`,
    );
    expect(error.code).toBe('content_invalid');
    expect(error.source).toMatch(/rules\.yaml$/);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^rules\.bad_fact: unknown fact fooBar; allowed: /);
    expect(problems[1]).toMatch(/^rules\.bad_fact: unknown fact barBaz; allowed: /);
    for (const fact of KNOWN_FACTS) expect(problems[0]).toContain(fact);
  });

  it('a bad cap value is quoted back with the allowed ones', () => {
    const { problems } = rules(
      `  - { id: bad_cap, when: { kind: { eq: api } }, effects: { faas: { cap: terrible } }, reason: "R.", sources: [{ id: prices }] }\n`,
    );
    expect(problems).toEqual([`rules.0.effects.faas.cap: got "terrible"; allowed: ${VERDICTS.join(', ')}`]);
  });

  it('soft evidence capping a model at unsuitable', () => {
    const { problems } = rules(
      `  - { id: too_dear, when: { always: true }, effects: { faas: { cap: unsuitable } }, reason: "R.", sources: [{ id: prices }] }\n`,
    );
    expect(problems).toEqual([
      "rules.0.effects.faas.cap: only hard evidence (platform_limit, state_model, framework_table, organisation_ban) may cap a model at unsuitable; this rule's evidence is soft",
    ]);
  });

  it('a rule that reads a cost fact and caps a model', () => {
    const { problems } = rules(
      `  - { id: dear, when: { faasCostVsAlwaysOn: { gt: 3 } }, effects: { faas: { cap: caution } }, reason: "R.", sources: [{ id: prices }] }\n`,
    );
    expect(problems[0]).toMatch(/^rules\.dear: a rule that reads a cost fact .* cannot cap a model/);
  });

  it('an unknown source id and an unknown note placeholder', () => {
    const { problems } = rules(
      `  - { id: cites, when: { always: true }, effects: { faas: { score: 1, note: "Over {faasLimit}" } }, reason: "R.", sources: [{ id: some_blog }] }\n`,
    );
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^rules\.cites\.effects\.faas\.note: unknown placeholder \{faasLimit\}; allowed: .*faasDurationLimit/);
    expect(problems[1]).toMatch(/^rules\.cites\.sources: unknown source some_blog; allowed: ciopages_compute_models/);
  });

  it('a score curve whose points do not rise', () => {
    const { problems } = rules(
      `  - { id: curve, when: { always: true }, effects: { faas: { score: { fact: durationSeconds, points: [[10, 0], [5, -5]] } } }, reason: "R.", sources: [{ id: prices }] }\n`,
    );
    expect(problems).toEqual(['rules.0.effects.faas.score.points: curve points rise in x']);
  });

  it('a duplicate id, an id that is not snake_case, a missing source, an unknown model or operator, an empty effect', () => {
    expect(rules(GOOD_RULE + GOOD_RULE).problems).toEqual(['rules.1.id: duplicate rule id fine_rule']);
    for (const id of ['FaasLimit', 'faas-limit', '_faas', '9lives']) {
      expect(rules(GOOD_RULE.replace('fine_rule', id)).problems, id).toEqual(['rules.0.id: an id is snake_case, like faas_max_duration']);
    }
    expect(rules(`  - { id: no_source, when: { kind: { eq: api } }, effects: { faas: { score: 5 } }, reason: "R." }\n`).problems).toEqual([
      'rules.0.sources: required (array)',
    ]);
    expect(rules(GOOD_RULE.replace('faas:', 'lambda:')).problems).toEqual([
      'rules.0.effects: unknown field lambda',
      'rules.0.effects: a rule must affect at least one model',
    ]);
    expect(rules(GOOD_RULE.replace('{ eq: api }', '{ equals: api }')).problems[0]).toBe('rules.0.when.kind: unknown field equals');
    expect(rules(GOOD_RULE.replace('{ score: 5 }', '{ note: hi }')).problems).toEqual([
      'rules.0.effects.faas: an effect needs a score, a cap or both',
    ]);
  });

  it('a tie-break order that misses a model, and thresholds that do not fall', () => {
    expect(problemsOf({ 'rules.yaml': HEAD.replace('serverless_containers, ', '') + GOOD_RULE }).problems).toEqual([
      `tieBreakOrder: tieBreakOrder must list each of ${MODELS.join(', ')} once`,
    ]);
    expect(problemsOf({ 'rules.yaml': HEAD.replace('optimal: 75, good: 55', 'optimal: 50, good: 55') + GOOD_RULE }).problems).toEqual([
      'thresholds: thresholds must fall: optimal > good',
    ]);
  });

  it('text that is not YAML', () => {
    expect(rules(`  - { id: x, when: { kind: { eq: api } }\n`).problems[0]).toMatch(/^not valid YAML: /);
  });

  it('reports every problem at once, one line each', () => {
    const { error, problems } = rules(
      `  - { id: BadId, when: { kind: { eq: api } }, effects: { faas: { score: 5 } }, reason: "R." }\n` +
        `  - { id: ok_id, when: { kind: { eq: api } }, effects: { faas: { score: 500 } }, reason: "R.", sources: [{ id: prices }] }\n`,
    );
    expect(problems.map((p) => p.split(':')[0])).toEqual(['rules.0.id', 'rules.0.sources', 'rules.1.effects.faas.score']);
    // one line per problem, each naming the file
    expect(error.message.split('\n')).toHaveLength(problems.length);
    for (const line of error.message.split('\n')) expect(line.startsWith(`${error.source}: `)).toBe(true);
  });
});

describe('invalid prices and platform facts', () => {
  it('a wrong currency, a negative price and an undated source name their fields', () => {
    const aws = texts['prices/aws.yaml']!;
    const { error, problems } = problemsOf({
      'prices/aws.yaml': aws
        .replace('currency: USD', 'currency: EUR')
        .replace('perGbSecond: 0.0000166667', 'perGbSecond: -1')
        .replace(/read: "2026-12-07"/, 'read: "December"'),
    });
    expect(error.source).toMatch(/prices\/aws\.yaml$/);
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['currency', 'faas.initBilling.source.read', 'faas.perGbSecond'].sort());
    expect(problems.find((p) => p.startsWith('currency'))).toMatch(/allowed: USD$/);
  });

  it('a price table filed under the wrong cloud', () => {
    expect(problemsOf({ 'prices/gcp.yaml': texts['prices/aws.yaml']! }).problems).toEqual(['cloud: expected gcp, got aws']);
  });

  it('a platform fact without a source', () => {
    const broken = texts['platforms.yaml']!.replace(
      /\n {6}sources:\n(\s+- \{ title: Deploy Windows nodes.*\n)(\s+- \{ title: Amazon EKS optimized.*\n)/,
      '\n',
    );
    expect(broken).not.toBe(texts['platforms.yaml']);
    expect(problemsOf({ 'platforms.yaml': broken }).problems).toEqual(['clouds.aws.containers.sources: required (array)']);
  });

  it('a rules folder with a file missing is one clear line, not a stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-'));
    try {
      mkdirSync(join(dir, 'prices'));
      for (const [file, text] of Object.entries(texts)) if (file !== 'platforms.yaml') writeFileSync(join(dir, file), text);
      expect(() => loadDecisionContent(dir)).toThrow(ContentError);
      try {
        loadDecisionContent(dir);
      } catch (error) {
        expect((error as ContentError).source).toBe(join(dir, 'platforms.yaml'));
        expect((error as ContentError).problems).toEqual(['cannot read it (ENOENT)']);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
