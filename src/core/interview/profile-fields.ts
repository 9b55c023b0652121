import type { z } from 'zod';
import { WorkloadProfileSchema } from '../profile.js';
import type { NumberUnit, QuestionType } from './question.js';

/**
 * What the interview needs to know about each workload profile field, read from WorkloadProfileSchema itself
 * so the interview cannot drift from the profile contract.
 */
export type FieldShape =
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'enum_list'; values: readonly string[] }
  | { kind: 'number'; max: number | null }
  | { kind: 'boolean' }
  | { kind: 'string' }
  | { kind: 'other' };

export interface ProfileFieldInfo {
  readonly name: string;
  readonly shape: FieldShape;
  /** Neither optional nor defaulted: a profile without it is invalid. */
  readonly required: boolean;
  /** The field's own zod schema: every interview value must pass it. */
  readonly schema: z.ZodType;
}

/** The unit each numeric profile field is stored in; a number question for the field must use it. */
export const FIELD_UNITS: Readonly<Record<string, NumberUnit>> = {
  peakToBaseline: 'ratio',
  avgRequestsPerSecond: 'requests_per_second',
  runsPerDay: 'runs_per_day',
  durationSeconds: 'seconds',
  latencyTargetMs: 'milliseconds',
  memoryMb: 'megabytes',
};

/** Which question type can fill a field of each shape. */
export const TYPE_FOR_SHAPE: Readonly<Record<FieldShape['kind'], QuestionType | null>> = {
  enum: 'single_choice',
  enum_list: 'multi_choice',
  number: 'number',
  boolean: 'yes_no',
  string: 'text',
  other: null,
};

// zod keeps its definition on `_zod.def`; this is the slice of it we read.
interface ZodDefView {
  type: string;
  innerType?: ZodLike;
  in?: ZodLike;
  element?: ZodLike;
  entries?: Record<string, string>;
}
interface ZodLike {
  _zod: { def: ZodDefView };
  /** ZodNumber: the largest value its checks allow (Infinity when unbounded). */
  maxValue?: number;
}

function shapeOf(schema: ZodLike): FieldShape {
  let inner = schema;
  // Unwrap optional/default/transform layers down to the value type.
  for (let depth = 0; depth < 10; depth++) {
    const def = inner._zod.def;
    if ((def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault') && def.innerType)
      inner = def.innerType;
    else if (def.type === 'pipe' && def.in) inner = def.in;
    else break;
  }
  const def = inner._zod.def;
  switch (def.type) {
    case 'enum':
      return { kind: 'enum', values: Object.values(def.entries ?? {}) };
    case 'array': {
      const element = def.element ? shapeOf(def.element) : { kind: 'other' as const };
      return element.kind === 'enum' ? { kind: 'enum_list', values: element.values } : { kind: 'other' };
    }
    case 'number': {
      const max = typeof inner.maxValue === 'number' && Number.isFinite(inner.maxValue) ? inner.maxValue : null;
      return { kind: 'number', max };
    }
    case 'boolean':
      return { kind: 'boolean' };
    case 'string':
      return { kind: 'string' };
    default:
      return { kind: 'other' };
  }
}

const FIELD_INFO: ReadonlyMap<string, ProfileFieldInfo> = new Map(
  Object.entries(WorkloadProfileSchema.shape).map(([name, schema]) => {
    const zodType = schema as unknown as z.ZodType;
    const info: ProfileFieldInfo = {
      name,
      shape: shapeOf(schema as unknown as ZodLike),
      required: !zodType.safeParse(undefined).success,
      schema: zodType,
    };
    return [name, info] as const;
  }),
);

export function profileFieldInfo(field: string): ProfileFieldInfo | undefined {
  return FIELD_INFO.get(field);
}

/** The largest value a numeric field allows, or null when unbounded. */
export function numericUpperBound(field: string): number | null {
  const shape = FIELD_INFO.get(field)?.shape;
  return shape?.kind === 'number' ? shape.max : null;
}

export function profileFieldNames(): string[] {
  return [...FIELD_INFO.keys()];
}

/**
 * The lower bound a numeric field enforces, found by probing its schema (zod does not expose it portably).
 * Returns { bound, inclusive } or null when the field accepts any finite number.
 */
export function numericLowerBound(field: string): { bound: number; inclusive: boolean } | null {
  const info = FIELD_INFO.get(field);
  if (info?.shape.kind !== 'number') return null;
  const accepts = (value: number) => info.schema.safeParse(value).success;
  for (const bound of [0, 1]) {
    if (accepts(bound - 1e-9)) continue;
    if (accepts(bound)) return { bound, inclusive: true };
    if (accepts(bound + 1e-9)) return { bound, inclusive: false };
  }
  return null;
}
