import { z } from 'zod';

/**
 * A condition over named facts, shared by the decision rules and the interview's skip logic.
 *
 *   { traffic: { in: [variable, bursty] }, durationSeconds: { lte: 900 } }   all keys must hold
 *   { any: [ <condition>, <condition> ] }                                   one must hold
 *   { all: [ ... ] }, { not: <condition> }, { always: true }
 *
 * A fact that is absent (an optional answer not given) matches only `exists: false`.
 */
const Scalar = z.union([z.string(), z.number(), z.boolean()]);

export const FieldTestSchema = z
  .object({
    eq: Scalar.optional(),
    ne: Scalar.optional(),
    in: z.array(Scalar).min(1).optional(),
    notIn: z.array(Scalar).min(1).optional(),
    gt: z.number().optional(),
    gte: z.number().optional(),
    lt: z.number().optional(),
    lte: z.number().optional(),
    /** For array facts: the array contains this value. */
    includes: Scalar.optional(),
    /** For array facts: the array contains at least one of these. */
    includesAny: z.array(Scalar).min(1).optional(),
    exists: z.boolean().optional(),
  })
  .strict()
  .refine((test) => Object.values(test).some((v) => v !== undefined), { error: 'a field test needs at least one operator' });
export type FieldTest = z.infer<typeof FieldTestSchema>;

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { always: true }
  | { [field: string]: FieldTest };

const COMBINATORS = new Set(['all', 'any', 'not', 'always']);

/**
 * A fact a condition or a score curve may name: a camelCase profile or derived fact, or `custom.<id>`, an answer to
 * an organisation lens's own question (see src/core/lens.ts).
 */
export const FACT_NAME = /^(?:[a-zA-Z][a-zA-Z0-9]*|custom\.[a-z][a-z0-9]*(?:_[a-z0-9]+)*)$/;
export const FACT_NAME_ERROR = 'a fact name is camelCase letters and digits, or custom.<snake_case id> for a lens question';

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ any: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ not: ConditionSchema }).strict(),
    z.object({ always: z.literal(true) }).strict(),
    z
      .record(z.string().regex(FACT_NAME, { error: FACT_NAME_ERROR }), FieldTestSchema)
      .refine((record) => Object.keys(record).length > 0, { error: 'a condition needs at least one field' })
      .refine((record) => Object.keys(record).every((key) => !COMBINATORS.has(key)), {
        error: 'all/any/not/always cannot be mixed with field tests in one object',
      }),
  ]),
) as z.ZodType<Condition>;

/** Any object of named facts: a profile, derived facts, or the answers so far. */
export type Facts = object;
export type CompiledCondition = (facts: Facts) => boolean;

/** Every fact name a condition reads; used to cross-check content against the fact schema. */
export function conditionFields(condition: Condition): string[] {
  if ('all' in condition && Array.isArray(condition.all)) return condition.all.flatMap(conditionFields);
  if ('any' in condition && Array.isArray(condition.any)) return condition.any.flatMap(conditionFields);
  if ('not' in condition && isCondition(condition.not)) return conditionFields(condition.not);
  if ('always' in condition && condition.always === true) return [];
  return Object.keys(condition);
}

/** Numeric thresholds a condition compares a field with; the "what would change" search probes around them. */
export function conditionThresholds(condition: Condition): Array<{ field: string; value: number }> {
  if ('all' in condition && Array.isArray(condition.all)) return condition.all.flatMap(conditionThresholds);
  if ('any' in condition && Array.isArray(condition.any)) return condition.any.flatMap(conditionThresholds);
  if ('not' in condition && isCondition(condition.not)) return conditionThresholds(condition.not);
  if ('always' in condition && condition.always === true) return [];
  const out: Array<{ field: string; value: number }> = [];
  for (const [field, test] of Object.entries(condition as Record<string, FieldTest>)) {
    for (const value of [test.gt, test.gte, test.lt, test.lte]) if (typeof value === 'number') out.push({ field, value });
  }
  return out;
}

function isCondition(value: unknown): value is Condition {
  return typeof value === 'object' && value !== null;
}

/**
 * Compiles once to a closure so the engine does no parsing per evaluation. The closures use plain loops, not
 * every/some with a callback: they run thousands of times per card and a callback per call is garbage to collect.
 */
export function compileCondition(condition: Condition): CompiledCondition {
  if ('all' in condition && Array.isArray(condition.all)) return allOf(condition.all.map(compileCondition));
  if ('any' in condition && Array.isArray(condition.any)) {
    const parts = condition.any.map(compileCondition);
    return (facts) => {
      for (const part of parts) if (part(facts)) return true;
      return false;
    };
  }
  if ('not' in condition && isCondition(condition.not)) {
    const inner = compileCondition(condition.not);
    return (facts) => !inner(facts);
  }
  if ('always' in condition && condition.always === true) return () => true;
  return allOf(Object.entries(condition as Record<string, FieldTest>).map(([field, test]) => compileFieldTest(field, test)));
}

function allOf(parts: CompiledCondition[]): CompiledCondition {
  return (facts) => {
    for (const part of parts) if (!part(facts)) return false;
    return true;
  };
}

function compileFieldTest(field: string, test: FieldTest): CompiledCondition {
  const special = singleOperator(field, test);
  if (special) return special;
  const checks: Array<(value: unknown) => boolean> = [];
  if (test.eq !== undefined) checks.push((v) => v === test.eq);
  if (test.ne !== undefined) checks.push((v) => v !== test.ne);
  if (test.in !== undefined) {
    const set = new Set<unknown>(test.in);
    checks.push((v) => set.has(v));
  }
  if (test.notIn !== undefined) {
    const set = new Set<unknown>(test.notIn);
    checks.push((v) => !set.has(v));
  }
  if (test.gt !== undefined) {
    const n = test.gt;
    checks.push((v) => typeof v === 'number' && v > n);
  }
  if (test.gte !== undefined) {
    const n = test.gte;
    checks.push((v) => typeof v === 'number' && v >= n);
  }
  if (test.lt !== undefined) {
    const n = test.lt;
    checks.push((v) => typeof v === 'number' && v < n);
  }
  if (test.lte !== undefined) {
    const n = test.lte;
    checks.push((v) => typeof v === 'number' && v <= n);
  }
  if (test.includes !== undefined) {
    const x = test.includes;
    checks.push((v) => Array.isArray(v) && v.includes(x));
  }
  if (test.includesAny !== undefined) {
    const wanted = test.includesAny;
    checks.push((v) => {
      if (!Array.isArray(v)) return false;
      for (const x of wanted) if (v.includes(x)) return true;
      return false;
    });
  }
  const exists = test.exists;
  return (facts) => {
    const value = (facts as Readonly<Record<string, unknown>>)[field];
    if (value === undefined || value === null) return exists === false;
    if (exists === false) return false;
    for (const check of checks) if (!check(value)) return false;
    return true;
  };
}

/**
 * The tests rules use most, each as one small closure: the engine runs thousands of them per card, and the generic
 * loop over a list of checks cost more than the checks themselves. Absent facts (undefined, null) never match.
 */
function singleOperator(field: string, test: FieldTest): CompiledCondition | undefined {
  const used = Object.entries(test)
    .filter(([, value]) => value !== undefined)
    .map(([op]) => op);
  const get = (facts: Facts) => (facts as Readonly<Record<string, unknown>>)[field];
  if (used.length === 1) {
    const [op] = used as [keyof FieldTest];
    switch (op) {
      case 'eq': {
        const x = test.eq;
        return (f) => {
          const v = get(f);
          return v !== undefined && v !== null && v === x;
        };
      }
      case 'ne': {
        const x = test.ne;
        return (f) => {
          const v = get(f);
          return v !== undefined && v !== null && v !== x;
        };
      }
      case 'in': {
        const set = new Set<unknown>(test.in);
        return (f) => set.has(get(f));
      }
      case 'notIn': {
        const set = new Set<unknown>(test.notIn);
        return (f) => {
          const v = get(f);
          return v !== undefined && v !== null && !set.has(v);
        };
      }
      case 'gt': {
        const n = test.gt!;
        return (f) => {
          const v = get(f);
          return typeof v === 'number' && v > n;
        };
      }
      case 'gte': {
        const n = test.gte!;
        return (f) => {
          const v = get(f);
          return typeof v === 'number' && v >= n;
        };
      }
      case 'lt': {
        const n = test.lt!;
        return (f) => {
          const v = get(f);
          return typeof v === 'number' && v < n;
        };
      }
      case 'lte': {
        const n = test.lte!;
        return (f) => {
          const v = get(f);
          return typeof v === 'number' && v <= n;
        };
      }
      case 'includes': {
        const x = test.includes;
        return (f) => {
          const v = get(f);
          return Array.isArray(v) && v.includes(x);
        };
      }
      case 'exists': {
        const want = test.exists;
        return (f) => {
          const v = get(f);
          return (v !== undefined && v !== null) === want;
        };
      }
      default:
        return undefined;
    }
  }
  if (used.length === 2 && test.gt !== undefined && test.lte !== undefined) {
    const low = test.gt;
    const high = test.lte;
    return (f) => {
      const v = get(f);
      return typeof v === 'number' && v > low && v <= high;
    };
  }
  return undefined;
}
