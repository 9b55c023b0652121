import { readFileSync } from 'node:fs';

/**
 * The node flags `npm start` runs the server with (package.json scripts.start; none today), so the
 * benchmarks measure the process as it is deployed, from the one place those flags are set.
 */
export function startScriptNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts?: { start?: string } };
  const words = (pkg.scripts?.start ?? '').split(/\s+/).filter(Boolean);
  if (words[0] !== 'node') return [];
  return words.slice(1).filter((w) => w.startsWith('--'));
}
