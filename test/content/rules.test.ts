import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ContentError } from '../../src/errors.js';
import { buildDecisionContent, KNOWN_FACTS, loadDecisionContent, parsePriceTable, parseRuleSet, rulesVersionOf } from '../../src/content/load-rules.js';
import { MODELS, VERDICTS } from '../../src/core/models.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const rulesText = readFileSync(join(ROOT, 'rules', 'rules.yaml'), 'utf8');
const pricesText = readFileSync(join(ROOT, 'rules', 'prices.yaml'), 'utf8');

const HEAD = `version: "2026.1.0"
baseScore: 50
thresholds: { optimal: 75, good: 55, caution: 30 }
tieBreakOrder: [containers, serverless_containers, vm, faas, wasm_edge]
rules:
`;
const GOOD_RULE = `  - { id: fine_rule, when: { kind: { eq: api } }, effects: { faas: { score: 5 } }, reason: "A reason.", source: "AWS Lambda quotas (AWS documentation, 2025)" }\n`;

/** The ContentError a rules text raises; fails the test if it loads. */
function problemsOf(rules: string, prices = pricesText): { error: ContentError; problems: string[] } {
  try {
    buildDecisionContent(HEAD + rules, prices);
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return { error: error as ContentError, problems: [...(error as ContentError).problems] };
  }
  throw new Error('expected the content to be rejected');
}

describe('shipped rules and prices', () => {
  const content = loadDecisionContent();

  it('load and validate', () => {
    expect(content.ruleSet.rules.length).toBeGreaterThan(30);
    expect(content.prices.currency).toBe('USD');
    expect(content.prices.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('every rule names a source and a reason, and every id is unique snake_case', () => {
    const ids = content.ruleSet.rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of content.ruleSet.rules) {
      expect(rule.id).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
      expect(rule.source.length, rule.id).toBeGreaterThan(0);
      expect(rule.reason.length, rule.id).toBeGreaterThan(0);
    }
  });

  it('every price section has a source', () => {
    const p = content.prices;
    for (const section of [p.faas, p.serverlessContainers, p.vm, p.containers, p.wasmEdge]) expect(section.source.length).toBeGreaterThan(0);
  });

  it('loads the same from explicit paths as from the defaults', () => {
    const explicit = loadDecisionContent({ rulesPath: join(ROOT, 'rules', 'rules.yaml'), pricesPath: join(ROOT, 'rules', 'prices.yaml') });
    expect(explicit.ruleSet.rulesVersion).toBe(content.ruleSet.rulesVersion);
  });
});

describe('rulesVersion', () => {
  const version = parseRuleSet(rulesText, 'rules.yaml').version;
  const shipped = loadDecisionContent().ruleSet.rulesVersion;

  it('is the rule set version, a plus sign and 12 hex characters of the content hash', () => {
    expect(shipped).toMatch(/^\d{4}\.\d{1,2}\.\d+\+[0-9a-f]{12}$/);
    expect(shipped.startsWith(`${version}+`)).toBe(true);
    expect(shipped).toBe(rulesVersionOf(version, rulesText, pricesText));
  });

  it('is the same for the same text', () => {
    expect(buildDecisionContent(rulesText, pricesText).ruleSet.rulesVersion).toBe(shipped);
  });

  it('changes when the rules text changes, even by a comment', () => {
    expect(buildDecisionContent(`${rulesText}\n# a comment\n`, pricesText).ruleSet.rulesVersion).not.toBe(shipped);
    const tweaked = rulesText.replace('score: -10, note: "Runs come close to function time limits"', 'score: -11, note: "Runs come close to function time limits"');
    expect(tweaked).not.toBe(rulesText);
    const v = buildDecisionContent(tweaked, pricesText).ruleSet.rulesVersion;
    expect(v).not.toBe(shipped);
    expect(v.startsWith(`${version}+`)).toBe(true);
  });

  it('changes when the prices change', () => {
    const cheaper = pricesText.replace('perMillionRequests: 0.20', 'perMillionRequests: 0.19');
    expect(cheaper).not.toBe(pricesText);
    expect(buildDecisionContent(rulesText, cheaper).ruleSet.rulesVersion).not.toBe(shipped);
  });

  it('does not confuse text moved between the two files', () => {
    expect(rulesVersionOf('1', 'ab', 'c')).not.toBe(rulesVersionOf('1', 'a', 'bc'));
  });
});

describe('invalid rules are rejected with a ContentError naming the rule, the field and what is allowed', () => {
  it('accepts the minimal good rule (the baseline for the cases below)', () => {
    expect(buildDecisionContent(HEAD + GOOD_RULE, pricesText).ruleSet.rules.map((r) => r.id)).toEqual(['fine_rule']);
  });

  it('an unknown fact', () => {
    const { error, problems } = problemsOf(`  - { id: bad_fact, when: { all: [ { kind: { eq: api } }, { fooBar: { eq: 1 } } ] }, effects: { faas: { score: 5 } }, reason: "R.", source: "s" }\n`);
    expect(error.code).toBe('content_invalid');
    expect(error.source).toBe('rules/rules.yaml');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^rules\.bad_fact\.when: unknown fact fooBar; allowed: /);
    for (const fact of KNOWN_FACTS) expect(problems[0]).toContain(fact);
  });

  it('a bad cap value', () => {
    const { problems } = problemsOf(`  - { id: bad_cap, when: { kind: { eq: api } }, effects: { faas: { cap: terrible } }, reason: "R.", source: "s" }\n`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^rules\.0\.effects\.faas\.cap: /);
    expect(problems[0]).toContain(`allowed: ${VERDICTS.join(', ')}`);
  });

  it('a bad cap value is quoted back, not called missing', () => {
    const { problems } = problemsOf(`  - { id: bad_cap, when: { kind: { eq: api } }, effects: { faas: { cap: terrible } }, reason: "R.", source: "s" }\n`);
    expect(problems[0]).toContain('got "terrible"');
  });

  it('a duplicate id', () => {
    const { problems } = problemsOf(GOOD_RULE + GOOD_RULE);
    expect(problems).toEqual(['rules.1.id: duplicate rule id fine_rule']);
  });

  it('an id that is not snake_case', () => {
    for (const id of ['FaasLimit', 'faas-limit', 'faas__limit', '_faas', '9lives']) {
      const { problems } = problemsOf(`  - { id: "${id}", when: { kind: { eq: api } }, effects: { faas: { score: 5 } }, reason: "R.", source: "s" }\n`);
      expect(problems, id).toEqual(['rules.0.id: an id is snake_case, like faas_max_duration']);
    }
  });

  it('a missing source', () => {
    const { problems } = problemsOf(`  - { id: no_source, when: { kind: { eq: api } }, effects: { faas: { score: 5 } }, reason: "R." }\n`);
    expect(problems).toEqual(['rules.0.source: required (string)']);
  });

  it('an unknown model', () => {
    const { problems } = problemsOf(`  - { id: bad_model, when: { kind: { eq: api } }, effects: { lambda: { score: 5 } }, reason: "R.", source: "s" }\n`);
    expect(problems[0]).toBe('rules.0.effects: unknown field lambda');
  });

  it('an unknown operator', () => {
    const { problems } = problemsOf(`  - { id: bad_op, when: { kind: { equals: api } }, effects: { faas: { score: 5 } }, reason: "R.", source: "s" }\n`);
    expect(problems[0]).toBe('rules.0.when.kind: unknown field equals');
  });

  it('an effect with neither score nor cap', () => {
    const { problems } = problemsOf(`  - { id: nothing, when: { kind: { eq: api } }, effects: { faas: { note: hi } }, reason: "R.", source: "s" }\n`);
    expect(problems).toEqual(['rules.0.effects.faas: an effect needs a score, a cap or both']);
  });

  it('a tie-break order that misses a model', () => {
    try {
      buildDecisionContent(HEAD.replace('tieBreakOrder: [containers, serverless_containers, vm, faas, wasm_edge]', 'tieBreakOrder: [containers, vm, faas, wasm_edge]') + GOOD_RULE, pricesText);
      throw new Error('expected a ContentError');
    } catch (error) {
      expect(error).toBeInstanceOf(ContentError);
      expect((error as ContentError).problems).toEqual([`tieBreakOrder: tieBreakOrder must list each of ${MODELS.join(', ')} once`]);
    }
  });

  it('thresholds that do not fall', () => {
    try {
      buildDecisionContent(HEAD.replace('optimal: 75, good: 55', 'optimal: 50, good: 55') + GOOD_RULE, pricesText);
      throw new Error('expected a ContentError');
    } catch (error) {
      expect(error).toBeInstanceOf(ContentError);
      expect((error as ContentError).problems).toEqual(['thresholds: thresholds must fall: optimal > good > caution']);
    }
  });

  it('text that is not YAML', () => {
    const { problems } = problemsOf(`  - { id: x, when: { kind: { eq: api } }\n`);
    expect(problems[0]).toMatch(/^not valid YAML: /);
  });

  it('reports every problem at once, one line each', () => {
    const { error, problems } = problemsOf(
      `  - { id: BadId, when: { kind: { eq: api } }, effects: { faas: { score: 5 } }, reason: "R." }\n` +
        `  - { id: ok_id, when: { kind: { eq: api } }, effects: { faas: { score: 500 } }, reason: "R.", source: "s" }\n`,
    );
    expect(problems.map((p) => p.split(':')[0])).toEqual(['rules.0.id', 'rules.0.source', 'rules.1.effects.faas.score']);
    // one line per problem, each naming the file
    expect(error.message.split('\n')).toHaveLength(problems.length);
    for (const line of error.message.split('\n')) expect(line.startsWith(`${error.source}: `)).toBe(true);
  });
});

describe('invalid prices', () => {
  it('a wrong currency names the field and the allowed value', () => {
    expect(() => parsePriceTable(pricesText.replace('currency: USD', 'currency: EUR'), 'rules/prices.yaml')).toThrow(ContentError);
    try {
      parsePriceTable(pricesText.replace('currency: USD', 'currency: EUR'), 'rules/prices.yaml');
    } catch (error) {
      expect((error as ContentError).problems).toHaveLength(1);
      expect((error as ContentError).problems[0]).toMatch(/^currency: .*allowed: USD$/);
    }
  });

  it('a negative price and an undated table', () => {
    try {
      parsePriceTable(pricesText.replace('perGbSecond: 0.0000166667', 'perGbSecond: -1').replace('asOf: "2025-10-01"', 'asOf: "October"'), 'rules/prices.yaml');
      throw new Error('expected a ContentError');
    } catch (error) {
      expect(error).toBeInstanceOf(ContentError);
      const fields = (error as ContentError).problems.map((p) => p.split(':')[0]);
      expect(fields.sort()).toEqual(['asOf', 'faas.perGbSecond']);
    }
  });
});
