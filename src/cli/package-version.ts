import { readFileSync } from 'node:fs';
import { findRepoFile } from '../content/find-repo-file.js';

/** The version in package.json, read where the program runs from (the source tree or dist/ beside it). */
export function packageVersion(): string {
  const { version } = JSON.parse(readFileSync(findRepoFile('package.json'), 'utf8')) as { version?: unknown };
  return typeof version === 'string' ? version : 'unknown';
}
