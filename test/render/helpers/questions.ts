import type { QuestionView } from '../../../src/render/question-view.js';

const base: Omit<QuestionView, 'questionId' | 'type' | 'text'> = {
  reviewId: 'r_01J9ZK',
  help: 'Pick the closest fit.',
  optional: false,
  progress: { position: 4, total: 9, exact: false },
  canGoBack: true,
};

const choices = (n: number) => Array.from({ length: n }, (_, i) => ({ value: `c_${i}`, label: `Choice ${i}` }));

/** One question of every type and shape the renderers distinguish. */
export const QUESTIONS: Record<string, QuestionView> = {
  singleFew: { ...base, questionId: 'state', type: 'single_choice', text: 'Where does its state live?', choices: choices(4) },
  singleFive: { ...base, questionId: 'traffic', type: 'single_choice', text: 'What is the traffic shape?', choices: choices(5) },
  singleMany: { ...base, questionId: 'kind', type: 'single_choice', text: 'What kind of workload is it?', choices: choices(11) },
  multi: {
    ...base,
    questionId: 'hardware',
    type: 'multi_choice',
    text: 'Does it need special hardware?',
    choices: [
      { value: 'gpu', label: 'GPU' },
      { value: 'local_nvme', label: 'Local NVMe' },
      { value: 'hsm', label: 'HSM' },
      { value: 'special_network', label: 'Special network' },
    ],
    optional: true,
  },
  multiMany: { ...base, questionId: 'hardware_many', type: 'multi_choice', text: 'Pick any', choices: choices(8) },
  yesNo: { ...base, questionId: 'edge', type: 'yes_no', text: 'Must it run at the edge?', help: '', canGoBack: false },
  number: {
    ...base,
    questionId: 'duration_seconds',
    type: 'number',
    text: 'How long does one request take?',
    placeholder: '200ms or 15 min',
    optional: false,
  },
  numberOptional: {
    ...base,
    questionId: 'latency_target_ms',
    type: 'number',
    text: 'What p99 latency must it meet?',
    optional: true,
    canGoBack: false,
  },
  text: {
    ...base,
    questionId: 'name',
    type: 'text',
    text: 'What is the workload called?',
    progress: { position: 1, total: 12, exact: true },
    canGoBack: false,
  },
};

/** The same questions with user-ish nastiness in every text field. */
export const NASTY_QUESTION: QuestionView = {
  ...base,
  questionId: 'state',
  type: 'single_choice',
  text: 'Where <!channel> *state* <at>x</at>?',
  help: '<@U123> [help](https://evil) & _more_',
  choices: [{ value: 'a', label: '<!here> & *b*' }],
};
