import { accessSync, constants, realpathSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

/**
 * How to run this CLI again, as the person can type it where they are: `compute-advice` when that name on PATH is this
 * program; `npx compute-advice` in the project's own folder (npx runs the project's bin); otherwise `node` with the
 * script's full path.
 */
export function cliCommand(env: NodeJS.ProcessEnv, script: string | undefined = process.argv[1], cwd: string = process.cwd()): string {
  if (script === undefined) return 'npx compute-advice';
  let self: string;
  try {
    self = realpathSync(script);
  } catch {
    return 'npx compute-advice';
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, 'compute-advice');
    try {
      accessSync(candidate, constants.X_OK);
      if (realpathSync(candidate) === self) return 'compute-advice';
    } catch {
      // not on this part of PATH
    }
  }
  // dist/src/cli/main.js: the project root is three folders up.
  if (resolve(self, '../../../..') === resolve(cwd)) return 'npx compute-advice';
  return `node ${/\s/.test(self) ? JSON.stringify(self) : self}`;
}
