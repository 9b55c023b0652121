import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds a file shipped at the repository root (rules/, prompts/, migrations/...).
 * Code runs from src/ under vitest and from dist/src/ when compiled, so walk up until it is found.
 */
export function findRepoFile(relativePath: string, from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, relativePath);
    if (existsSync(candidate)) return candidate;
    const parent = resolve(dir, '..');
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`cannot find ${relativePath} above ${fileURLToPath(from)}`);
}
