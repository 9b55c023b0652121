/**
 * Slack's Block Kit limits, from the Block Kit reference (block, element and composition object pages). The
 * builders stay under them and the checker (block-kit-limits.ts) enforces them in tests: Slack has no offline
 * validator.
 */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  blocksPerModalOrHome: 100,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  actionId: 255,
  blockId: 255,
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
  placeholder: 150,
  contextElements: 10,
  actionsElements: 25,
  /** Message text is best kept under this; Slack truncates past messageTextHard. */
  messageTextSoft: 4000,
  messageTextHard: 40_000,
} as const;
