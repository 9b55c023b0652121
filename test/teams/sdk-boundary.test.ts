/**
 * The Bot Framework SDK is archived: everything that imports it must stay in src/teams/, and inside it only the
 * translation layer (botbuilder-turn.ts), the wiring (teams-bot.ts) and the token-key hook (openid-keys.ts), so a move
 * to the Microsoft 365 Agents SDK touches those files and nothing else.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../render/helpers/adaptive-card-validate.js';

const SDK_IMPORT = /\bfrom\s+['"](botbuilder|botframework-[a-z-]+)(\/[^'"]*)?['"]|\brequire\(\s*['"](botbuilder|botframework-)/;

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return tsFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

describe('botbuilder import boundary', () => {
  const importers = tsFiles(path.join(repoRoot, 'src'))
    .filter((file) => SDK_IMPORT.test(readFileSync(file, 'utf8')))
    .map((file) => path.relative(repoRoot, file).split(path.sep).join('/'))
    .sort();

  it('only src/teams/botbuilder-turn.ts, src/teams/openid-keys.ts and src/teams/teams-bot.ts import the SDK', () => {
    expect(importers).toEqual(['src/teams/botbuilder-turn.ts', 'src/teams/openid-keys.ts', 'src/teams/teams-bot.ts']);
  });
});
