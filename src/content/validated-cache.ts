import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The rules and prompts as they look after validation, written by `npm run build` next to the compiled code. Start-up
 * then skips parsing YAML and running the schemas: together about 200 ms of a cold start, more than any other step.
 *
 * An entry is used only when its key matches: a hash of the source texts and of the compiled code under src/core and
 * src/content (the schemas and checks that validated them). An edited rules file, a custom prompts file or a rebuilt
 * schema misses the cache and is validated as usual, so the cache can only ever return what validation would.
 */

export type CacheKind = 'rules' | 'prompts';

interface CacheEntry {
  key: string;
  data: unknown;
}

type CacheFile = Partial<Record<CacheKind, CacheEntry>>;

const SRC_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
/** dist/content-cache.json when running compiled code; absent (and never read) when running the TypeScript sources. */
export const CACHE_PATH = join(SRC_DIR, '..', 'content-cache.json');

let codeHash: string | undefined;

/** The compiled validation code's fingerprint: every file under src/core and src/content, in a fixed order. */
function codeFingerprint(): string {
  if (codeHash !== undefined) return codeHash;
  const hash = createHash('sha256');
  for (const dir of ['core', 'content']) {
    const root = join(SRC_DIR, dir);
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.js') || file.endsWith('.ts'))
      .sort();
    for (const file of files)
      hash
        .update(file)
        .update('\0')
        .update(readFileSync(join(root, file)))
        .update('\0');
  }
  codeHash = hash.digest('hex');
  return codeHash;
}

export function cacheKey(texts: Readonly<Record<string, string>>): string {
  const hash = createHash('sha256').update(codeFingerprint());
  for (const name of Object.keys(texts).sort()) hash.update('\0').update(name).update('\0').update(texts[name]!);
  return hash.digest('hex');
}

let cache: CacheFile | null | undefined;

function readCacheFile(): CacheFile | null {
  if (cache !== undefined) return cache;
  try {
    cache = JSON.parse(readFileSync(CACHE_PATH, 'utf8')) as CacheFile;
  } catch {
    // No cache (running from the sources, or before a build) or an unreadable one: validate as usual.
    cache = null;
  }
  return cache;
}

/** The validated data for these texts, if the build cached exactly them; undefined otherwise. */
export function cachedValidation<T>(kind: CacheKind, texts: Readonly<Record<string, string>>): T | undefined {
  const entry = readCacheFile()?.[kind];
  return entry !== undefined && entry.key === cacheKey(texts) ? (entry.data as T) : undefined;
}

/** Writes the cache (the build step); JSON keeps exactly what validation returned, as the equality test checks. */
export function writeValidationCache(entries: Record<CacheKind, CacheEntry>): void {
  writeFileSync(CACHE_PATH, `${JSON.stringify(entries)}\n`);
  cache = entries;
}
