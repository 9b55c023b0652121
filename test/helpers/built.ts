import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The repository root (this file is test/helpers/built.ts). */
export const REPO_ROOT = resolve(import.meta.dirname, '../..');

/**
 * A compiled file a test runs as its own process. `npm test` builds first; run on its own, a test fails here with
 * what to do instead of skipping.
 */
export function builtFile(relativePath: string): string {
  const file = resolve(REPO_ROOT, 'dist', relativePath);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first (\`npm test\` builds before it tests)`);
  return file;
}
