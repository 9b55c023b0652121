import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { answerLabel } from '../../app/answer-label.js';
import type { ReviewStep } from '../../app/review-types.js';
import { createServices, type Services } from '../../app/services.js';
import { databaseTarget, loadConfig } from '../../config.js';
import { MAX_NAME_LENGTH } from '../../core/profile.js';
import { renderPlainText } from '../../render/plain-text.js';
import { toRecommendationView } from '../../render/recommendation-view.js';
import { cleanInline } from '../../render/escape.js';
import { progressText } from '../../render/question-view.js';
import { toQuestionView } from '../../app/question-view.js';
import { cliCommand } from '../cli-command.js';
import { typedCommand } from '../../conversation/typed-command.js';
import type { CliIo } from '../cli-io.js';
import { collect, lensPaths } from '../lens-options.js';
import { UserError } from '../../errors.js';

// The same words as in chat (typed-command.ts): back, skip, cancel, help; a leading ":" works too.
const COMMANDS = 'Type an answer, or back, skip (optional questions), cancel or help. Ctrl-C stops; answers so far are saved.';

export function registerInterview(program: Command, io: CliIo): void {
  program
    .command('interview')
    .description('run the interview in the terminal (one answer per line also works from a pipe)')
    .argument('[name]', 'the workload name')
    .option('--resume <id>', 'continue an interrupted interview')
    .option('--lens <file>', 'apply an organisation lens (repeatable, applied in order; default: LENS_PATHS)', collect, [])
    .action(async (name: string | undefined, options: { resume?: string; lens: string[] }) => {
      const services = await createServices({
        database: databaseTarget(loadConfig(io.env).env),
        lensPaths: lensPaths(options.lens, io),
      });
      try {
        await runInterview(services, io, name, options.resume);
      } finally {
        await services.close();
      }
    });
}

function cliUser(): string {
  try {
    return userInfo().username || 'cli';
  } catch {
    return 'cli';
  }
}

async function runInterview(services: Services, io: CliIo, name: string | undefined, resumeId: string | undefined): Promise<void> {
  const user = cliUser();
  let reviewId: string;
  let step: ReviewStep;
  if (resumeId) {
    const review = await services.reviews.get(resumeId);
    if (!review) throw new UserError([`no review with id ${resumeId} (${cliCommand(io.env)} reviews list shows them)`]);
    reviewId = review.id;
    step = (await services.reviews.step(review.id)) as ReviewStep;
    io.out(`Resuming ${cleanInline(review.workloadName)} (${review.id}).\n`);
  } else {
    const workload = (name ?? '').trim();
    if (!workload) throw new UserError([`name: give the workload a name, e.g. ${cliCommand(io.env)} interview payments-webhooks`]);
    if (workload.length > MAX_NAME_LENGTH) throw new UserError([`name: at most ${MAX_NAME_LENGTH} characters`]);
    const started = await services.reviews.start({ platform: 'cli', workspaceId: '', channelId: 'terminal' }, user, workload);
    reviewId = started.review.id;
    step = started.step;
    io.out(`Compute review of ${cleanInline(started.review.workloadName)} (${reviewId}). ${COMMANDS}\n`);
  }

  const rl = createInterface({ input: process.stdin, terminal: Boolean(process.stdin.isTTY) });
  const lines = rl[Symbol.asyncIterator]();
  const resume = `${cliCommand(io.env)} interview --resume ${reviewId}`;
  const interrupted = () => {
    io.err(`\nStopped. Answers so far are saved: ${resume}\n`);
    rl.close();
    process.exit(130);
  };
  rl.on('SIGINT', interrupted);
  process.once('SIGINT', interrupted);
  try {
    while (step.kind === 'question') {
      const { question } = step;
      const view = toQuestionView(reviewId, step);
      io.out(`\n[${progressText(view)}] ${question.text}\n  ${question.help}\n`);
      if (question.type === 'yes_no') io.out('  yes / no\n');
      (question.choices ?? []).forEach((c, i) => io.out(`  ${i + 1}) ${c.label}\n`));
      if (question.optional) io.out('  (optional: skip to skip)\n');
      if (view.current) io.out(`  (Enter keeps: ${view.current.label})\n`);
      io.out('> ');
      const next = await lines.next();
      if (next.done) {
        io.out('\n');
        throw new UserError([
          `input ended while question ${view.progress.position} was waiting: ${question.text}`,
          `answers so far are saved: ${resume}`,
        ]);
      }
      const typed = next.value.trim();
      if (!process.stdin.isTTY) io.out(`${typed}\n`);
      const text = typed === '' && view.current ? view.current.text : typed;
      const command = typedCommand(text);
      if (command === 'help') {
        io.out(`${COMMANDS}\n`);
        continue;
      }
      if (command === 'back' || command === 'skip' || command === 'cancel') {
        const result =
          command === 'back'
            ? await services.reviews.back(reviewId, user)
            : command === 'skip'
              ? await services.reviews.skip(reviewId, user, question.id)
              : await services.reviews.cancel(reviewId, user);
        if (result.kind === 'ok') step = result.step;
        else if (result.kind === 'rejected') io.out(`${result.message}\n`);
        if (command === 'cancel' && result.kind === 'ok') {
          io.out('Interview cancelled.\n');
          return;
        }
        continue;
      }
      const result = await services.reviews.answer(reviewId, user, { text, questionId: question.id });
      switch (result.kind) {
        case 'accepted':
          io.out(`  ✔ ${answerLabel(result.question, result.value)}\n`);
          step = result.step;
          break;
        case 'rejected':
          io.out(`  ${result.message}\n`);
          break;
        case 'not_participant':
          throw new UserError([`review ${reviewId} belongs to someone else`]);
        default:
          step = (await services.reviews.step(reviewId)) as ReviewStep;
      }
    }
  } finally {
    process.removeListener('SIGINT', interrupted);
    rl.close();
  }
  if (step.kind === 'completed') {
    const review = await services.reviews.get(reviewId);
    io.out(`\n${renderPlainText(toRecommendationView(step.recommendation, { reviewId, workloadName: review?.workloadName }))}`);
  } else {
    io.out(`This review is ${step.status}.\n`);
  }
}
