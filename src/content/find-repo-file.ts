import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ContentError } from '../errors.js';

/**
 * Finds a file shipped at the repository root (rules/, prompts/, migrations/, playground/...). Code runs from src/
 * under vitest and from dist/src/ when compiled, so walk up from the caller until it is found.
 */
export function findRepoFile(relativePath: string, from: string = import.meta.url): string {
  const start = dirname(fileURLToPath(from));
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, relativePath);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) break;
  }
  throw new ContentError(relativePath, [`${relativePath}: not found in ${start} or any folder above it`]);
}
