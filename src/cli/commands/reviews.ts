import type { Command } from 'commander';
import { answerLabel } from '../../app/answer-label.js';
import { createServices } from '../../app/services.js';
import { databaseTarget, loadConfig } from '../../config.js';
import { MODEL_LABELS, type Model } from '../../core/models.js';
import { renderPlainText } from '../../render/plain-text.js';
import { toRecommendationView } from '../../render/recommendation-view.js';
import { cleanInline } from '../../render/escape.js';
import type { CliIo } from '../cli-io.js';
import { UserError } from '../../errors.js';

export function registerReviews(program: Command, io: CliIo): void {
  const reviews = program.command('reviews').description('stored reviews');

  reviews
    .command('list')
    .description('the newest reviews, all platforms')
    .option('--limit <n>', 'how many', '20')
    .action(async (options: { limit: string }) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UserError(['--limit: a whole number from 1 to 1000']);
      const services = await createServices({ database: databaseTarget(loadConfig(io.env).env) });
      try {
        const list = await services.store.reviews.listRecent(limit);
        if (list.length === 0) {
          io.out('No reviews yet. Start one with: compute-advice interview <name>\n');
          return;
        }
        const latest = await services.store.recommendations.listForReviews(list.map((r) => r.id));
        for (const r of list) {
          const rec = latest.get(r.id);
          io.out(
            `${r.id}  ${r.status.padEnd(11)}  ${r.platform.padEnd(5)}  ${new Date(r.updatedAt).toISOString().slice(0, 16).replace('T', ' ')}  ${cleanInline(r.workloadName)}${rec ? `  → ${MODEL_LABELS[rec.recommended as Model] ?? rec.recommended}` : ''}\n`,
          );
        }
      } finally {
        await services.close();
      }
    });

  reviews
    .command('show')
    .description('one review: answers and recommendation')
    .argument('<id>', 'review id')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      const services = await createServices({ database: databaseTarget(loadConfig(io.env).env) });
      try {
        const review = await services.store.reviews.get(id);
        if (!review) throw new UserError([`no review with id ${id} (compute-advice reviews list shows them)`]);
        const answers = await services.store.answers.current(id);
        const recommendation = (await services.reviews.latestRecommendation(id)) ?? null;
        const decisions = await services.store.decisions.list(id);
        if (options.json) {
          io.out(`${JSON.stringify({ review, answers, recommendation, decisions }, null, 2)}\n`);
          return;
        }
        io.out(
          `${cleanInline(review.workloadName)} (${review.id}): ${review.status}, ${review.platform}, requested by ${cleanInline(review.requesterId)}\n\nAnswers:\n`,
        );
        for (const q of services.script.questions) {
          if (q.id in answers) io.out(`  ${q.text} ${answerLabel(q, answers[q.id])}\n`);
        }
        if (recommendation)
          io.out(`\n${renderPlainText(toRecommendationView(recommendation, { reviewId: id, workloadName: review.workloadName }))}`);
        for (const d of decisions) {
          io.out(
            `Decision: ${MODEL_LABELS[d.chosenModel as Model] ?? d.chosenModel}${d.againstAdvice ? ' (against the advice)' : ''} by ${d.decidedBy}\n`,
          );
        }
      } finally {
        await services.close();
      }
    });
}
