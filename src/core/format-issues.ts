import type { z } from 'zod';

/**
 * One line per problem, naming the field and what is allowed, e.g.
 *   traffic: got "spiky"; allowed: steady, variable, bursty, sporadic, scheduled
 */
export function formatIssues(error: z.ZodError, prefix = ''): string[] {
  return error.issues.map((issue) => {
    const path = [prefix, issue.path.map(String).join('.')].filter(Boolean).join('.') || '(root)';
    return `${path}: ${describeIssue(issue)}`;
  });
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
