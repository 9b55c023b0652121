import type { Command } from 'commander';
import { stringify } from 'yaml';
import { applyLenses, readLens, type LensedContent, type LoadedLens } from '../../content/load-lenses.js';
import { loadInterviewScript } from '../../content/load-prompts.js';
import { loadValidatedRules } from '../../content/load-rules.js';
import { runLensTests } from '../../core/lens-tests.js';
import { ContentError, UserError, userFacingLines } from '../../errors.js';
import type { CliIo } from '../cli-io.js';
import { lensPaths } from '../lens-options.js';
import { CommandFailed } from '../command-failed.js';

/** `compute-advice lens check|test|show`: a lens is validated, tested and reviewed like code (docs/LENSES.md). */
export function registerLens(program: Command, io: CliIo): void {
  const lens = program.command('lens').description('check, test and review organisation lenses (docs/LENSES.md)');

  lens
    .command('check')
    .description('validate lens files and apply them in order over the built-in rules (exit 2 with one line per problem)')
    .argument('<files...>', 'lens files, applied in this order')
    .action((files: string[]) => {
      const { lensed } = loadAll(files);
      for (const info of lensed.content.lenses?.active ?? []) io.out(`ok: ${info.name} ${info.version} (#${info.hash})\n`);
    });

  lens
    .command('test')
    .description("run the lenses' tests against the built-in rules with every lens applied (exit 1 on a failing case)")
    .argument('<files...>', 'lens files, applied in this order')
    .action((files: string[]) => {
      const { lensed, loaded } = loadAll(files);
      const results = runLensTests(
        lensed.content,
        loaded.map((l) => l.lens),
      );
      let failed = 0;
      for (const result of results) {
        if (result.failures.length === 0) {
          io.out(`pass  ${result.lens}: ${result.name}\n`);
          continue;
        }
        failed++;
        io.out(`FAIL  ${result.lens}: ${result.name}\n${result.failures.map((line) => `        ${line}\n`).join('')}`);
      }
      io.out(`${results.length - failed} passed, ${failed} failed\n`);
      if (failed > 0) throw new CommandFailed(1);
    });

  lens
    .command('show')
    .description('print the built-in rules with the lenses applied, as YAML (files given, else LENS_PATHS)')
    .argument('[files...]', 'lens files, applied in this order')
    .action((files: string[]) => {
      const { lensed } = loadAll(lensPaths(files, io));
      io.out(showYaml(lensed));
    });
}

/** Every file read and validated (all problems, from every file), then applied in order. */
function loadAll(files: readonly string[]): { loaded: LoadedLens[]; lensed: LensedContent } {
  const loaded: LoadedLens[] = [];
  const problems: string[] = [];
  for (const file of files) {
    try {
      loaded.push(readLens(file));
    } catch (error) {
      if (!(error instanceof ContentError)) throw error;
      problems.push(...(userFacingLines(error) ?? []));
    }
  }
  if (problems.length > 0) throw new UserError(problems);
  const { valid, texts } = loadValidatedRules();
  return { loaded, lensed: applyLenses(valid, texts, loadInterviewScript(), loaded) };
}

/** What the lenses make of the built-in content, for review in a pull request: rules in force, in order, with origins. */
function showYaml({ content, merged }: LensedContent): string {
  const effects = content.lenses;
  const rules = merged.ruleSet.rules.map((rule) => ({ ...rule, from: merged.origins[`rule:${rule.id}`] ?? 'the built-in rules' }));
  const document = {
    rulesVersion: content.ruleSet.rulesVersion,
    lenses: effects?.active ?? [],
    defaults: effects?.defaults ?? {},
    links: effects?.links ?? {},
    discounts: effects?.discounts ?? {},
    questions: effects?.questions ?? [],
    rules,
  };
  return stringify(document, { lineWidth: 0 });
}
