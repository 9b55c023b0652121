import { EnvSchema } from '../config.js';
import { loadDecisionContent } from '../content/load-rules.js';
import { loadLensedContent } from '../content/load-lenses.js';
import type { DecisionContent } from '../core/decision-content.js';
import type { CliIo } from './cli-io.js';

/** Collects a repeatable option (`--lens a.yaml --lens b.yaml`) in the order given. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The lens files a command applies: those given with --lens, else LENS_PATHS, as the server reads it. */
export function lensPaths(given: readonly string[] | undefined, io: CliIo): string[] {
  if (given && given.length > 0) return [...given];
  return EnvSchema.shape.LENS_PATHS.parse(io.env.LENS_PATHS);
}

/** The decision content with those lenses applied; without any, exactly the built-in content. */
export function contentWithLenses(paths: readonly string[]): DecisionContent {
  return paths.length === 0 ? loadDecisionContent() : loadLensedContent(paths).content;
}
