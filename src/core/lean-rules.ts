import type { Condition, FieldTest } from './condition.js';
import { MODELS, type Verdict } from './models.js';
import { CUSTOM_FIELD } from './profile.js';
import type { CompiledRule, CompiledRuleSet } from './rule-engine.js';
import type { ScoreCurve } from './rule-set.js';

/**
 * The rule set compiled to two plain functions (the early rules and the late, cost-reading ones) that add up scores
 * and caps without keeping anything for explanations. The what-would-change search evaluates a profile dozens of
 * times per card and needs only who leads; the interpreter in rule-engine.ts stays the reference (a property test
 * holds the two to the same verdicts and order). Generated the way Ajv compiles schemas: the code holds no data
 * from the rule files except validated fact names; every constant is passed in by index.
 */
export interface LeanScores {
  /** Raw score per model, in MODELS order. */
  raw: Float64Array;
  /** Strictest cap per model: 0 none, 1 good, 2 caution, 3 unsuitable. */
  cap: Int8Array;
  /** 1 where a hard fact other than the framework table rules the model out (it cannot run the workload). */
  blocked: Uint8Array;
}

export interface LeanRules {
  early: (facts: object, out: LeanScores) => void;
  late: (facts: object, out: LeanScores) => void;
}

export const CAP_RANK: Readonly<Record<Verdict, number>> = { optimal: 0, good: 1, caution: 2, unsuitable: 3 };
const FACT_NAME = /^[a-zA-Z][a-zA-Z0-9]*$/;
const LEAN = new WeakMap<CompiledRuleSet, LeanRules>();

export function leanRules(ruleSet: CompiledRuleSet): LeanRules {
  let lean = LEAN.get(ruleSet);
  if (!lean) {
    lean = { early: compilePass(ruleSet.rules.filter((r) => !r.late)), late: compilePass(ruleSet.rules.filter((r) => r.late)) };
    LEAN.set(ruleSet, lean);
  }
  return lean;
}

function compilePass(rules: readonly CompiledRule[]): (facts: object, out: LeanScores) => void {
  const constants: unknown[] = [];
  const constant = (value: unknown) => {
    constants.push(value);
    return `K[${constants.length - 1}]`;
  };
  const fact = (name: string) => {
    if (FACT_NAME.test(name)) return `f.${name}`;
    // read by its quoted name, which CUSTOM_FIELD keeps to [a-z0-9_.]
    if (CUSTOM_FIELD.test(name)) return `f[${JSON.stringify(name)}]`;
    throw new Error(`fact name ${name} cannot be compiled`);
  };

  const fieldTest = (name: string, test: FieldTest): string => {
    if (test.exists === false) return `(${fact(name)} == null)`;
    const parts = [`(v = ${fact(name)}) != null`];
    if (test.eq !== undefined) parts.push(`v === ${constant(test.eq)}`);
    if (test.ne !== undefined) parts.push(`v !== ${constant(test.ne)}`);
    if (test.in !== undefined) parts.push(`${constant(new Set(test.in))}.has(v)`);
    if (test.notIn !== undefined) parts.push(`!${constant(new Set(test.notIn))}.has(v)`);
    for (const [op, sign] of [
      ['gt', '>'],
      ['gte', '>='],
      ['lt', '<'],
      ['lte', '<='],
    ] as const) {
      if (test[op] !== undefined) parts.push(`typeof v === 'number' && v ${sign} ${constant(test[op])}`);
    }
    if (test.includes !== undefined) parts.push(`Array.isArray(v) && v.includes(${constant(test.includes)})`);
    if (test.includesAny !== undefined) parts.push(`Array.isArray(v) && ${constant(test.includesAny)}.some((x) => v.includes(x))`);
    return `(${parts.join(' && ')})`;
  };

  const condition = (c: Condition): string => {
    if ('all' in c && Array.isArray(c.all)) return `(${(c.all as Condition[]).map(condition).join(' && ')})`;
    if ('any' in c && Array.isArray(c.any)) return `(${(c.any as Condition[]).map(condition).join(' || ')})`;
    if ('not' in c && typeof c.not === 'object' && c.not !== null) return `!${condition(c.not as Condition)}`;
    if ('always' in c && c.always === true) return 'true';
    return `(${Object.entries(c as Record<string, FieldTest>)
      .map(([name, test]) => fieldTest(name, test))
      .join(' && ')})`;
  };

  const curve = (c: ScoreCurve) => `${constant(curveFunction(c))}(${fact(c.fact)})`;

  const body = rules
    .map((rule) => {
      const effects = rule.effects.map((effect) => {
        const m = MODELS.indexOf(effect.model);
        const lines: string[] = [];
        if (effect.curve) lines.push(`r[${m}] += ${curve(effect.curve)};`);
        else if (effect.score !== 0) lines.push(`r[${m}] += ${constant(effect.score)};`);
        if (effect.cap) lines.push(`if (c[${m}] < ${CAP_RANK[effect.cap]}) c[${m}] = ${CAP_RANK[effect.cap]};`);
        if (effect.cap === 'unsuitable' && rule.evidence !== 'framework_table') lines.push(`b[${m}] = 1;`);
        return lines.join(' ');
      });
      return `if (${condition(rule.when)}) { ${effects.join(' ')} }`;
    })
    .join('\n');
  const make = new Function(
    'K',
    `'use strict'; return function (f, o) { const r = o.raw, c = o.cap, b = o.blocked; let v;\n${body}\n};`,
  ) as (k: unknown[]) => (facts: object, out: LeanScores) => void;
  return make(constants);
}

/** The same straight lines as the interpreter's curveValue, bound to one curve's points. */
function curveFunction(curve: ScoreCurve): (x: unknown) => number {
  const xs = curve.points.map((p) => p[0]);
  const ys = curve.points.map((p) => p[1]);
  const last = xs.length - 1;
  return (x) => {
    if (typeof x !== 'number' || Number.isNaN(x)) return 0;
    if (x <= xs[0]!) return ys[0]!;
    for (let i = 1; i <= last; i++) {
      if (x <= xs[i]!) return ys[i - 1]! + ((ys[i]! - ys[i - 1]!) * (x - xs[i - 1]!)) / (xs[i]! - xs[i - 1]!);
    }
    return ys[last]!;
  };
}
