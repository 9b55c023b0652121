/**
 * The layering the code relies on: only the app layer writes (adapters and the conversation never reach the store, a
 * repository or a transaction), the conversation knows no chat SDK, and the CLI's `evaluate` loads none either.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtFile, REPO_ROOT } from './helpers/built.js';

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return tsFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

const rel = (file: string) => path.relative(REPO_ROOT, file).split(path.sep).join('/');
const sources = (folder: string) =>
  tsFiles(path.join(REPO_ROOT, 'src', folder)).map((file) => ({ file: rel(file), text: readFileSync(file, 'utf8') }));

/** A value import (not `import type`) of the storage layer, or a reach into a Services' store or database. */
const STORAGE_VALUE_IMPORT = /^import (?!type )[^;]*from '[./]*storage\//m;
const STORE_ACCESS = /\.(store|db)\b(?!\w)|\btransaction\(/;

describe('layers', () => {
  const adapters = ['slack', 'teams', 'conversation', 'playground', 'api'].flatMap(sources);

  it('adapters, the read API and the conversation never import storage code or touch the store, the database or a transaction', () => {
    const offenders = adapters.filter(({ text }) => STORAGE_VALUE_IMPORT.test(text) || STORE_ACCESS.test(text)).map(({ file }) => file);
    expect(offenders).toEqual([]);
  });

  it('the check itself catches a reach into the store', () => {
    expect(STORE_ACCESS.test('deps.services.store.messages.save(id)')).toBe(true);
    expect(STORAGE_VALUE_IMPORT.test("import { createStore } from '../storage/index.js';")).toBe(true);
    expect(STORAGE_VALUE_IMPORT.test("import type { Review } from '../storage/index.js';")).toBe(false);
  });

  it('the conversation imports no chat SDK and no platform folder', () => {
    const offenders = sources('conversation').filter(({ text }) =>
      /from '(@slack\/|botbuilder|botframework-)|from '\.\.\/(slack|teams)\//.test(text),
    );
    expect(offenders.map(({ file }) => file)).toEqual([]);
  });

  /** The chat SDK modules (CommonJS, so listed in require.cache) that importing a built module pulls in. */
  const sdkModulesLoadedBy = (module: string): string[] => {
    const script = `
      const { createRequire } = await import('node:module');
      await import(${JSON.stringify(builtFile(module))});
      const loaded = Object.keys(createRequire(import.meta.url).cache);
      process.stdout.write(JSON.stringify(loaded.filter((f) => /node_modules\\/(@slack|botbuilder|botframework-)/.test(f))));
    `;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: REPO_ROOT });
    expect(result.stderr).toBe('');
    return JSON.parse(result.stdout) as string[];
  };

  it('`compute-advice evaluate` (the CLI program) loads no chat SDK; the Slack adapter does, so the check sees them', () => {
    expect(sdkModulesLoadedBy('src/cli/program.js')).toEqual([]);
    expect(sdkModulesLoadedBy('src/slack/index.js').length).toBeGreaterThan(0);
  });
});

describe('the server start path', () => {
  /** The CommonJS modules (require.cache) that importing these built modules (or packages) loads, as package names. */
  const packagesLoadedBy = (modules: string[]): string[] => {
    const specifiers = modules.map((module) => (module.startsWith('src/') ? builtFile(module) : module));
    const script = `
      const { createRequire } = await import('node:module');
      for (const module of ${JSON.stringify(specifiers)}) await import(module);
      const loaded = Object.keys(createRequire(import.meta.url).cache);
      const names = loaded.map((f) => /node_modules\\/((@[^/]+\\/)?[^/]+)\\//.exec(f)?.[1]).filter(Boolean);
      process.stdout.write(JSON.stringify([...new Set(names)]));
    `;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: REPO_ROOT });
    expect(result.stderr).toBe('');
    return JSON.parse(result.stdout) as string[];
  };

  /** A value import (not `import type`) of the package. */
  const valueImportOf = (pkg: string) => new RegExp(`^import (?!type )[^;]*from '${pkg.replace('/', '\\/')}'`, 'm');

  // Kysely from its CommonJS build (src/storage/kysely.ts); Bolt past its index (src/slack/bolt.ts)
  it.each(['kysely', '@slack/bolt'])('takes the values of %s through the one module that loads it', (pkg) => {
    const offenders = tsFiles(path.join(REPO_ROOT, 'src'))
      .filter((file) => valueImportOf(pkg).test(readFileSync(file, 'utf8')))
      .map(rel);
    expect(offenders).toEqual([]);
    expect(valueImportOf(pkg).test(`import { Thing } from '${pkg}';`)).toBe(true);
    expect(valueImportOf(pkg).test(`import type { Thing } from '${pkg}';`)).toBe(false);
  });

  it("loads neither the PostgreSQL driver, the YAML parser nor Express (Bolt's index) for a Slack bot on SQLite", () => {
    // what src/main.ts imports for Slack on the embedded default
    const startPath = [
      'src/app/services.js',
      'src/api/mount.js',
      'src/api/lazy-api-handler.js',
      'src/api/adr-link-handler.js',
      'src/slack/index.js',
      'src/digest/index.js',
    ];
    const loaded = packagesLoadedBy(startPath);
    expect(loaded).toContain('kysely');
    expect(loaded).toContain('@slack/bolt');
    expect(loaded).not.toContain('pg');
    expect(loaded).not.toContain('yaml');
    // Bolt without its index: the Express receiver and Express stay unloaded
    expect(loaded).not.toContain('express');
    expect(packagesLoadedBy(['src/storage/connect-postgres.js'])).toContain('pg');
    // the check sees Express when Bolt's index loads it
    expect(packagesLoadedBy(['@slack/bolt'])).toContain('express');
  });
});
