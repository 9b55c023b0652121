/**
 * The slice of Adaptive Card 1.5 this project emits. Hand-written because botbuilder must stay inside src/teams/
 * and the `adaptivecards` package is a DOM renderer, not a type library. Tests validate the output against the
 * official 1.5 schema.
 */

export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
export const ADAPTIVE_CARD_VERSION = '1.5';
/** Attachment content type for a card in a Bot Framework activity. */
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export type AcSpacing = 'none' | 'small' | 'default' | 'medium' | 'large' | 'extraLarge' | 'padding';
export type AcColor = 'default' | 'dark' | 'light' | 'accent' | 'good' | 'warning' | 'attention';

export interface AcTextBlock {
  type: 'TextBlock';
  text: string;
  wrap?: boolean;
  size?: 'small' | 'default' | 'medium' | 'large' | 'extraLarge';
  weight?: 'lighter' | 'default' | 'bolder';
  color?: AcColor;
  isSubtle?: boolean;
  style?: 'default' | 'heading';
  spacing?: AcSpacing;
  separator?: boolean;
  id?: string;
}

export interface AcFactSet {
  type: 'FactSet';
  facts: Array<{ title: string; value: string }>;
  spacing?: AcSpacing;
  separator?: boolean;
}

export interface AcColumn {
  type: 'Column';
  width?: 'auto' | 'stretch' | string | number;
  items: AcElement[];
  verticalContentAlignment?: 'top' | 'center' | 'bottom';
}

export interface AcColumnSet {
  type: 'ColumnSet';
  columns: AcColumn[];
  spacing?: AcSpacing;
  separator?: boolean;
}

export interface AcContainer {
  type: 'Container';
  items: AcElement[];
  spacing?: AcSpacing;
  separator?: boolean;
  style?: 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';
  id?: string;
}

export interface AcChoice {
  title: string;
  value: string;
}

interface AcInputBase {
  id: string;
  label?: string;
  isRequired?: boolean;
  errorMessage?: string;
  spacing?: AcSpacing;
}

export interface AcChoiceSetInput extends AcInputBase {
  type: 'Input.ChoiceSet';
  choices: AcChoice[];
  style?: 'compact' | 'expanded';
  isMultiSelect?: boolean;
  placeholder?: string;
  wrap?: boolean;
  value?: string;
}

export interface AcTextInput extends AcInputBase {
  type: 'Input.Text';
  placeholder?: string;
  maxLength?: number;
  isMultiline?: boolean;
  value?: string;
}

export interface AcNumberInput extends AcInputBase {
  type: 'Input.Number';
  placeholder?: string;
  min?: number;
  max?: number;
  value?: number;
}

export interface AcActionSet {
  type: 'ActionSet';
  actions: AcAction[];
  spacing?: AcSpacing;
}

/** Adaptive Card 1.5 Table: columns sized by relative weight, the first row as the header. */
export interface AcTable {
  type: 'Table';
  columns: Array<{ width: number }>;
  rows: Array<{ type: 'TableRow'; cells: Array<{ type: 'TableCell'; items: AcElement[] }> }>;
  firstRowAsHeader?: boolean;
  showGridLines?: boolean;
  spacing?: AcSpacing;
  id?: string;
}

export type AcElement =
  | AcTable
  | AcTextBlock
  | AcFactSet
  | AcColumnSet
  | AcContainer
  | AcChoiceSetInput
  | AcTextInput
  | AcNumberInput
  | AcActionSet;

export interface AcSubmitAction {
  type: 'Action.Submit';
  title: string;
  data: Record<string, unknown>;
  style?: 'default' | 'positive' | 'destructive';
  /** 'none' lets Skip/Back submit without the answer input (and without tripping its validation). */
  associatedInputs?: 'auto' | 'none';
}

/** A Universal Action: Teams sends it to the bot as an `adaptiveCard/action` invoke, and shows the card the bot returns. */
export interface AcExecuteAction {
  type: 'Action.Execute';
  title?: string;
  verb: string;
  data?: Record<string, unknown>;
  style?: 'default' | 'positive' | 'destructive';
  associatedInputs?: 'auto' | 'none';
}

/** Opens a web page (an ADR link) in the person's browser. */
export interface AcOpenUrlAction {
  type: 'Action.OpenUrl';
  title: string;
  url: string;
}

export type AcAction = AcSubmitAction | AcExecuteAction | AcOpenUrlAction;

/** A Teams mention inside a card: `text` appears in a TextBlock as is, and the person is notified. */
export interface AcMentionEntity {
  type: 'mention';
  text: string;
  mentioned: { id: string; name: string };
}

export interface AdaptiveCard {
  $schema: typeof ADAPTIVE_CARD_SCHEMA;
  type: 'AdaptiveCard';
  version: typeof ADAPTIVE_CARD_VERSION;
  body: AcElement[];
  actions?: AcAction[];
  fallbackText?: string;
  /** Run by the clients of `userIds` when they show the card: each fetches a view of its own (Universal Actions). */
  refresh?: { type?: 'Refresh'; action: AcExecuteAction; userIds?: string[] };
  /** Teams-only; strip it before validating against the Adaptive Card schema. */
  msteams?: { width?: 'Full'; entities?: AcMentionEntity[] };
}

/** A wrapping TextBlock; an empty text becomes a space, which every client accepts. */
export function textBlock(value: string, extra: Omit<AcTextBlock, 'type' | 'text'> = {}): AcTextBlock {
  return { type: 'TextBlock', text: value || ' ', wrap: true, ...extra };
}

export function newCard(
  body: AcElement[],
  extra: Partial<Pick<AdaptiveCard, 'actions' | 'fallbackText' | 'msteams' | 'refresh'>> = {},
): AdaptiveCard {
  const card: AdaptiveCard = { $schema: ADAPTIVE_CARD_SCHEMA, type: 'AdaptiveCard', version: ADAPTIVE_CARD_VERSION, body };
  if (extra.refresh) card.refresh = extra.refresh;
  if (extra.actions && extra.actions.length > 0) card.actions = extra.actions;
  if (extra.fallbackText) card.fallbackText = extra.fallbackText;
  if (extra.msteams) card.msteams = extra.msteams;
  return card;
}
