/**
 * The ids interactive elements carry, shared by the renderers and the Slack/Teams handlers that receive them.
 * They are part of messages already posted, so never rename one once shipped.
 */

/** Slack `action_id`s. Answer buttons are `ca_answer_<index>`; match them all with SLACK_ANSWER_ACTION_PATTERN. */
export const SLACK_ACTION_IDS = {
  changeAnswer: 'ca_change_answer',
  recordDecision: 'ca_record_decision',
  share: 'ca_share',
  answerSelect: 'ca_answer_select',
  answerMulti: 'ca_answer_multi',
  answerNone: 'ca_answer_none',
  skip: 'ca_skip',
  back: 'ca_back',
  exportAdr: 'ca_export_adr',
} as const;

/** Matches every answer action: buttons `ca_answer_0`…, the select, the multi-select and "None of these". */
export const SLACK_ANSWER_ACTION_PATTERN = /^ca_answer_/;

export function slackAnswerButtonActionId(index: number): string {
  return `ca_answer_${index}`;
}

/** Block id of the actions block under a question: `q:<questionId>`. */
export function slackQuestionBlockId(questionId: string): string {
  return `q:${questionId}`;
}

/** Teams `Action.Submit` data always carries `ca` (one of these), plus `reviewId` and, for questions, `questionId`. */
export const TEAMS_SUBMIT_KINDS = {
  answer: 'answer',
  skip: 'skip',
  back: 'back',
  changeAnswer: 'change_answer',
  recordDecision: 'record_decision',
  exportAdr: 'export_adr',
} as const;
export type TeamsSubmitKind = (typeof TEAMS_SUBMIT_KINDS)[keyof typeof TEAMS_SUBMIT_KINDS];

/** Ids of the inputs on Teams cards, as they arrive in `activity.value`. */
export const TEAMS_INPUT_IDS = {
  /** The answer on a question card. Multi-select answers arrive comma-separated; "" means none of them. */
  value: 'value',
  /** The question picked under "Change an answer" on the recommendation card. */
  questionId: 'questionId',
  /** The model picked under "Record the decision" on the recommendation card. */
  chosenModel: 'chosenModel',
} as const;
