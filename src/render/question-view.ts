/**
 * One interview question as the renderers see it. The interview engine maps its own question type onto this,
 * so the renderers never depend on the engine.
 */
export interface QuestionView {
  reviewId: string;
  questionId: string;
  text: string;
  /** Shown under the question; '' for none. */
  help: string;
  type: 'single_choice' | 'multi_choice' | 'number' | 'yes_no' | 'text';
  /** Required for single_choice and multi_choice; yes_no defaults to Yes/No (values 'yes'/'no'). */
  choices?: Array<{ value: string; label: string }>;
  /** Optional questions get a Skip action. */
  optional: boolean;
  /**
   * position: this question's place among those that apply; total: questions that apply or may still apply (skip
   * logic only shrinks it); exact: no question left undecided. Rendered as "Question 5 of about 12".
   */
  progress: { position: number; total: number; exact: boolean };
  canGoBack: boolean;
  /**
   * The answer already given, for a question asked again (went back, changed, confirmed after an earlier change):
   * `text` pre-fills a typed answer and reads back to the same value, `label` is how it is shown, `values` preselects
   * choices.
   */
  current?: { text: string; label: string; values: string[] };
  /** For number and text questions: an example answer, e.g. "about 40 req/s". */
  placeholder?: string;
}

export const DEFAULT_YES_NO_CHOICES: ReadonlyArray<{ value: string; label: string }> = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

/** At most this many choices are shown as buttons (Slack) or radio buttons (Teams); more get a drop-down. */
export const MAX_BUTTON_CHOICES = 5;

export function questionChoices(q: QuestionView): Array<{ value: string; label: string }> {
  if (q.type === 'yes_no') return q.choices && q.choices.length > 0 ? q.choices : [...DEFAULT_YES_NO_CHOICES];
  return q.choices ?? [];
}

/** "Question 4 of about 9" while the count may still shrink, "Question 4 of 9" once it is settled. */
export function progressText(q: QuestionView): string {
  const position = Math.max(1, q.progress.position);
  const total = Math.max(position, q.progress.total);
  return `Question ${position} of ${q.progress.exact ? '' : 'about '}${total}`;
}

/** The hint under number and text questions. */
export function replyHint(q: QuestionView, platform: 'slack' | 'teams'): string {
  const where = platform === 'slack' ? 'Reply in this thread' : 'Type your answer below or reply in this thread';
  if (q.placeholder) return `${where}, e.g. ${q.placeholder}`;
  return q.type === 'number' ? `${where} with a number.` : `${where}.`;
}
