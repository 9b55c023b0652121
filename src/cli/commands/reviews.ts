import { Option, type Command } from 'commander';
import { answerLabel } from '../../app/answer-label.js';
import type { ReviewRecord } from '../../app/review-record.js';
import { createServices, type Services } from '../../app/services.js';
import { databaseTarget, loadConfig } from '../../config.js';
import { MODEL_LABELS, type Model } from '../../core/models.js';
import { renderPlainText } from '../../render/plain-text.js';
import { toRecommendationView } from '../../render/recommendation-view.js';
import { cleanInline } from '../../render/escape.js';
import { renderMadr } from '../../render/madr.js';
import { auditTrail } from '../../render/audit-trail.js';
import type { CliIo } from '../cli-io.js';
import { UserError } from '../../errors.js';

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UserError(['--limit: a whole number from 1 to 1000']);
  return limit;
}

async function withServices<T>(io: CliIo, run: (services: Services) => Promise<T>): Promise<T> {
  const services = await createServices({ database: databaseTarget(loadConfig(io.env).env) });
  try {
    return await run(services);
  } finally {
    await services.close();
  }
}

async function recordOrExit(services: Services, id: string): Promise<ReviewRecord> {
  const record = await services.records.get(id);
  if (!record) throw new UserError([`no review with id ${id} (compute-advice reviews list shows them)`]);
  return record;
}

export function registerReviews(program: Command, io: CliIo): void {
  const reviews = program.command('reviews').description('stored reviews');

  reviews
    .command('list')
    .description('the newest reviews, all platforms')
    .option('--limit <n>', 'how many', '20')
    .option('--json', 'print a JSON array (id, name, status, recommended, decision, signOff, ...)')
    .action(async (options: { limit: string; json?: boolean }) => {
      const limit = parseLimit(options.limit);
      await withServices(io, async (services) => {
        if (options.json) {
          io.out(`${JSON.stringify(await services.records.list({ limit }), null, 2)}\n`);
          return;
        }
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
      });
    });

  reviews
    .command('show')
    .description('one review: answers, recommendation and its audit trail')
    .argument('<id>', 'review id')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      await withServices(io, async (services) => {
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
        io.out(`\nAudit trail:\n${auditTrail(await recordOrExit(services, id))}`);
      });
    });

  reviews
    .command('export')
    .description('one review as an architecture decision record (MADR 4.0 Markdown), or the whole review as JSON')
    .argument('<id>', 'review id')
    .addOption(
      new Option('--format <format>', 'markdown (a MADR record) or json (everything stored)')
        .choices(['markdown', 'json'])
        .default('markdown'),
    )
    .action(async (id: string, options: { format: 'markdown' | 'json' }) => {
      await withServices(io, async (services) => {
        const record = await recordOrExit(services, id);
        io.out(options.format === 'json' ? `${JSON.stringify(record, null, 2)}\n` : renderMadr(record));
      });
    });
}
