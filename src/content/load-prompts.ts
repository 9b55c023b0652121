import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { createRequire } from 'node:module';
import type { z } from 'zod';
import { InterviewScriptSchema, type InterviewScript } from '../core/interview/question.js';
import { checkScriptAgainstProfile } from '../core/interview/script-checks.js';
import { ContentError } from '../errors.js';
import { findRepoFile } from './find-repo-file.js';
import { cachedValidation } from './validated-cache.js';

// Loaded on first use: a start-up served from the validation cache never parses YAML.
const require = createRequire(import.meta.url);

/**
 * Loads prompts/interview.yaml: YAML -> zod (shape) -> cross-check against the workload profile.
 * Any problem throws a ContentError listing one line per problem, naming the file, the question and what is allowed.
 */

export const PROMPTS_FILE = join('prompts', 'interview.yaml');

/** The shipped prompts/interview.yaml. */
export function defaultInterviewPath(): string {
  return findRepoFile(PROMPTS_FILE);
}

function displayName(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown, source: string): string {
  if (issue.message.startsWith('question "')) return `${source}: ${issue.message}`;
  const [top, index, ...rest] = issue.path;
  if (top === 'questions' && typeof index === 'number') {
    const raw = Array.isArray((data as { questions?: unknown }).questions)
      ? (data as { questions: unknown[] }).questions[index]
      : undefined;
    const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
    const id = typeof record.id === 'string' ? `"${record.id}"` : `#${index + 1}`;
    const field = typeof record.field === 'string' ? ` (field ${record.field})` : '';
    const where = rest.length > 0 ? ` ${rest.map(String).join('.')}` : '';
    return `${source}: question ${id}${field}${where}: ${issue.message}`;
  }
  const where = issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
  return `${source}: ${where}${issue.message}`;
}

/** Parses and validates interview YAML text; sourceName is used in error messages. */
export function parseInterviewScript(yamlText: string, sourceName: string): InterviewScript {
  // The build validated exactly this text with exactly this code: use its result (see validated-cache.ts).
  const cached = cachedValidation<InterviewScript>('prompts', { [PROMPTS_FILE]: yamlText });
  if (cached) return cached;
  return validateInterviewScript(yamlText, sourceName);
}

/** Parses and validates interview YAML text without the build's cache. */
export function validateInterviewScript(yamlText: string, sourceName: string): InterviewScript {
  const { parseDocument } = require('yaml') as typeof import('yaml');
  const doc = parseDocument(yamlText, { prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new ContentError(
      sourceName,
      doc.errors.map((error) => `${sourceName}: YAML syntax: ${error.message.split('\n')[0] ?? error.message}`),
    );
  }
  const data: unknown = doc.toJS();
  const parsed = InterviewScriptSchema.safeParse(data);
  if (!parsed.success) {
    throw new ContentError(
      sourceName,
      parsed.error.issues.map((issue) => describeIssue(issue, data ?? {}, sourceName)),
    );
  }
  const problems = checkScriptAgainstProfile(parsed.data);
  if (problems.length > 0) {
    throw new ContentError(
      sourceName,
      problems.map((problem) =>
        problem.questionId === null
          ? `${sourceName}: ${problem.message}`
          : `${sourceName}: question "${problem.questionId}" (field ${problem.field}): ${problem.message}`,
      ),
    );
  }
  return parsed.data;
}

/** Reads and validates the interview script (default: the shipped prompts/interview.yaml). */
export function loadInterviewScript(path?: string): InterviewScript {
  const file = path === undefined ? defaultInterviewPath() : resolve(path);
  const source = displayName(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : String(error);
    throw new ContentError(source, [`${source}: cannot read the interview script (${reason})`]);
  }
  return parseInterviewScript(text, source);
}
