import type { z } from 'zod';

/**
 * One line per problem, naming the field and what is allowed, e.g.
 *   traffic: got "spiky"; allowed: steady, variable, bursty, sporadic, scheduled
 */
export function formatIssues(error: z.ZodError, prefix = '', indexes: 'dots' | 'brackets' = 'dots'): string[] {
  return error.issues.flatMap(unionBranch).map((issue) => {
    const inner = indexes === 'dots' ? issue.path.map(String).join('.') : bracketPath(issue.path);
    const path = [prefix, inner].filter(Boolean).join(inner.startsWith('[') ? '' : '.') || '(root)';
    return `${path}: ${describeIssue(issue)}`;
  });
}

/** rules[2].when.latencyTargetMs: list positions in brackets, as a reader of the YAML file counts them. */
function bracketPath(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`)).join('');
}

/**
 * A value that matches no form of a union (a rule's `when`) is reported by the form it came closest to: the branch
 * whose problems lie deepest, so `when: { latencyTargetMs: { lt: fast } }` names when.latencyTargetMs.lt.
 */
function unionBranch(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [issue];
  const depth = (branch: z.core.$ZodIssue[]) => Math.max(...branch.map((inner) => inner.path.length));
  // Deepest first; between equally deep branches, the one with fewest problems (the form the writer meant).
  const best = issue.errors.reduce((a, b) => (depth(b) > depth(a) || (depth(b) === depth(a) && b.length < a.length) ? b : a));
  if (depth(best) === 0) return [issue];
  return best.flatMap((inner) => unionBranch({ ...inner, path: [...issue.path, ...inner.path] }));
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return `${issue.input === undefined ? 'missing' : `got ${show(issue.input)}`}; allowed: ${issue.values.map(String).join(', ')}`;
    case 'invalid_type':
      if (issue.input === undefined) return `required (${issue.expected})`;
      return `expected ${issue.expected}, got ${show(issue.input)}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
    case 'invalid_union':
      return issue.message && issue.message !== 'Invalid input' ? issue.message : 'does not match any allowed form';
    default:
      return issue.message;
  }
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}
