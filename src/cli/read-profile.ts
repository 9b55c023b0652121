import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { formatIssues } from '../core/format-issues.js';
import { defaultedFields, WorkloadProfileSchema, type ProfileField, type WorkloadProfile } from '../core/profile.js';
import { UserError } from '../errors.js';

/** Reads a YAML or JSON profile from a file or '-' (stdin) and validates it; `defaulted` names the fields left out. */
export function readProfile(
  file: string,
  readStdin: () => string = () => readFileSync(0, 'utf8'),
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
  const result = WorkloadProfileSchema.safeParse(data, { reportInput: true });
  if (!result.success) throw new UserError(formatIssues(result.error).map((line) => `${source}: ${line}`));
  return { profile: result.data, defaulted: defaultedFields(data) };
}
