import type { Command } from 'commander';
import { recommend } from '../../core/recommend.js';
import { renderMarkdown } from '../../render/markdown.js';
import { renderPlainText } from '../../render/plain-text.js';
import { toRecommendationView } from '../../render/recommendation-view.js';
import { collect, contentWithLenses, lensPaths } from '../lens-options.js';
import { readProfile } from '../read-profile.js';
import type { CliIo } from '../cli-io.js';
import { UserError } from '../../errors.js';

export function registerEvaluate(program: Command, io: CliIo): void {
  program
    .command('evaluate')
    .description('print the recommendation for a workload profile (YAML or JSON; - reads stdin)')
    .argument('<file>', 'profile file, or - for stdin')
    .option('--json', 'print the whole recommendation as one JSON object')
    .option('--markdown', 'print Markdown (for pull requests and wikis)')
    .option('--lens <file>', 'apply an organisation lens (repeatable, applied in order; default: LENS_PATHS)', collect, [])
    .action((file: string, options: { json?: boolean; markdown?: boolean; lens: string[] }) => {
      if (options.json && options.markdown) throw new UserError(['--json and --markdown: choose one output format']);
      const content = contentWithLenses(lensPaths(options.lens, io));
      const { profile, defaulted } = readProfile(file, io.readStdin, content.lenses);
      const recommendation = recommend(content, profile, { defaulted });
      if (options.json) {
        io.out(`${JSON.stringify(recommendation, null, 2)}\n`);
        return;
      }
      const view = toRecommendationView(recommendation, { workloadName: profile.name });
      io.out(options.markdown ? renderMarkdown(view) : renderPlainText(view));
    });
}
