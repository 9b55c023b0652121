import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { formatIssues } from '../core/format-issues.js';
import { customAnswerProblems } from '../core/custom-answers.js';
import type { LensEffects } from '../core/decision-content.js';
import { parseProfile, type ProfileField, type WorkloadProfile } from '../core/profile.js';
import { UserError } from '../errors.js';

/**
 * Reads a YAML or JSON profile from a file or '-' (stdin) and validates it; `defaulted` names the fields left out.
 * With lenses, their defaults stand in for fields left out, and custom answers must be ones their questions accept.
 */
export function readProfile(
  file: string,
  readStdin: () => string = () => readFileSync(0, 'utf8'),
  lenses?: LensEffects,
): { profile: WorkloadProfile; defaulted: ProfileField[] } {
  const source = file === '-' ? 'stdin' : file;
  let text: string;
  try {
    text = file === '-' ? readStdin() : readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError([`${source}: no such file`]);
    if (code === 'EISDIR') throw new UserError([`${source}: is a folder, not a profile file`]);
    throw new UserError([`${source}: cannot read it (${code ?? (error as Error).message})`]);
  }
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new UserError([`${source}: not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`]);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new UserError([`${source}: a profile is a mapping of fields (name, kind, traffic, durationSeconds, ...)`]);
  }
  const result = parseProfile(data as Record<string, unknown>, lenses?.defaults);
  if (!result.success) throw new UserError(formatIssues(result.error).map((line) => `${source}: ${line}`));
  const custom = customAnswerProblems(result.data.custom, lenses?.questions ?? []);
  if (custom.length > 0) throw new UserError(custom.map((line) => `${source}: ${line}`));
  return { profile: result.data, defaulted: result.defaulted };
}
