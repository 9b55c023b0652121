// Child process for the SIGKILL test: writes answers through the real use case and prints each one it stored
// ("ack <reviewId> <questionId> <valueJson>") only after the transaction committed.
import { createServices } from '../../src/app/services.js';

const databasePath = process.argv[2];
if (!databasePath) throw new Error('usage: answer-writer <database>');
const services = await createServices({ databasePath });
const total = Number(process.argv[3] ?? 10_000);
let reviewId = '';
for (let i = 0; i < total; i++) {
  if (i % 100 === 0)
    reviewId = (await services.reviews.start({ platform: 'cli', workspaceId: '', channelId: 'kill' }, 'writer', `w${i}`)).review.id;
  const step = await services.reviews.step(reviewId);
  if (step?.kind !== 'question') {
    reviewId = (await services.reviews.start({ platform: 'cli', workspaceId: '', channelId: 'kill' }, 'writer', `w${i}b`)).review.id;
    continue;
  }
  const text = step.question.type === 'number' ? '5' : step.question.type === 'yes_no' ? 'no' : '1';
  const result = await services.reviews.answer(reviewId, 'writer', { text, questionId: step.question.id });
  if (result.kind === 'accepted') process.stdout.write(`ack ${reviewId} ${result.question.id} ${JSON.stringify(result.value)}\n`);
}
await services.close();
