/**
 * Slack has no offline Block Kit validator, so every message we send is checked against the documented limits
 * (SLACK_LIMITS) here, in tests. Returns one line per problem; [] means the message is within limits.
 * It also flags a few things Slack rejects outright: empty texts, and option sizes (text 75, value 150).
 */

import { SLACK_LIMITS } from './slack-limits.js';

export type BlockKitSurface = 'message' | 'modal' | 'home';

const L = SLACK_LIMITS;
type Obj = Record<string, unknown>;

function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function textOf(x: unknown): string | undefined {
  return isObj(x) && typeof x.text === 'string' ? x.text : undefined;
}

const SELECT_TYPES = new Set([
  'static_select',
  'multi_static_select',
  'external_select',
  'multi_external_select',
  'users_select',
  'multi_users_select',
  'conversations_select',
  'multi_conversations_select',
  'channels_select',
  'multi_channels_select',
  'overflow',
  'radio_buttons',
  'checkboxes',
]);

export function checkBlockKitLimits(message: { text?: string; blocks: unknown[] }, surface: BlockKitSurface): string[] {
  const problems: string[] = [];
  const maxBlocks = surface === 'message' ? L.blocksPerMessage : L.blocksPerModalOrHome;
  if (message.blocks.length > maxBlocks) {
    problems.push(`${message.blocks.length} blocks; a ${surface} allows at most ${maxBlocks}`);
  }
  if (surface === 'message' && typeof message.text === 'string') {
    if (message.text.length > L.messageTextHard) {
      problems.push(`message text is ${message.text.length} characters; Slack truncates past ${L.messageTextHard}`);
    } else if (message.text.length > L.messageTextSoft) {
      problems.push(`message text is ${message.text.length} characters; keep it under ${L.messageTextSoft}`);
    }
  }

  const blockIds = new Set<string>();
  message.blocks.forEach((block, i) => {
    const where = `blocks[${i}]`;
    if (!isObj(block)) {
      problems.push(`${where} is not an object`);
      return;
    }
    const label = `${where} (${String(block.type)}${typeof block.block_id === 'string' ? ` "${block.block_id}"` : ''})`;
    if (typeof block.block_id === 'string') {
      if (block.block_id.length > L.blockId)
        problems.push(`${label}: block_id is ${block.block_id.length} characters; the limit is ${L.blockId}`);
      if (blockIds.has(block.block_id)) problems.push(`${label}: block_id "${block.block_id}" is used twice in one message`);
      blockIds.add(block.block_id);
    }
    checkBlock(block, label, problems);
  });
  return problems;
}

function checkBlock(block: Obj, label: string, problems: string[]): void {
  switch (block.type) {
    case 'header': {
      const text = textOf(block.text);
      if (!text) problems.push(`${label}: header text is empty`);
      else if (text.length > L.headerText)
        problems.push(`${label}: header text is ${text.length} characters; the limit is ${L.headerText}`);
      if (isObj(block.text) && block.text.type !== 'plain_text') problems.push(`${label}: header text must be plain_text`);
      break;
    }
    case 'section': {
      const text = textOf(block.text);
      const fields = Array.isArray(block.fields) ? block.fields : undefined;
      if (text === undefined && !fields) problems.push(`${label}: a section needs text or fields`);
      if (block.text !== undefined && !text) problems.push(`${label}: section text is empty`);
      if (text && text.length > L.sectionText)
        problems.push(`${label}: section text is ${text.length} characters; the limit is ${L.sectionText}`);
      if (fields) {
        if (fields.length > L.sectionFields) problems.push(`${label}: ${fields.length} fields; the limit is ${L.sectionFields}`);
        fields.forEach((f, j) => {
          const ft = textOf(f) ?? '';
          if (ft.length > L.sectionFieldText)
            problems.push(`${label}: fields[${j}] is ${ft.length} characters; the limit is ${L.sectionFieldText}`);
          if (ft.length === 0) problems.push(`${label}: fields[${j}] is empty`);
        });
      }
      if (isObj(block.accessory)) checkElements([block.accessory], `${label} accessory`, problems);
      break;
    }
    case 'context': {
      const elements = Array.isArray(block.elements) ? block.elements : [];
      if (elements.length === 0) problems.push(`${label}: context has no elements`);
      if (elements.length > L.contextElements)
        problems.push(`${label}: ${elements.length} context elements; the limit is ${L.contextElements}`);
      elements.forEach((el, j) => {
        if (isObj(el) && (el.type === 'mrkdwn' || el.type === 'plain_text') && !textOf(el))
          problems.push(`${label}: elements[${j}] text is empty`);
      });
      break;
    }
    case 'actions': {
      const elements = Array.isArray(block.elements) ? block.elements : [];
      if (elements.length === 0) problems.push(`${label}: actions block has no elements`);
      if (elements.length > L.actionsElements)
        problems.push(`${label}: ${elements.length} action elements; the limit is ${L.actionsElements}`);
      checkElements(elements, label, problems);
      break;
    }
    case 'input': {
      if (isObj(block.element)) checkElements([block.element], `${label} element`, problems);
      break;
    }
    default:
      break;
  }
}

function checkElements(elements: unknown[], label: string, problems: string[]): void {
  const actionIds = new Set<string>();
  elements.forEach((el, j) => {
    if (!isObj(el)) return;
    const where = `${label} elements[${j}] (${String(el.type)})`;
    if (typeof el.action_id === 'string') {
      if (el.action_id.length > L.actionId)
        problems.push(`${where}: action_id is ${el.action_id.length} characters; the limit is ${L.actionId}`);
      if (actionIds.has(el.action_id)) problems.push(`${where}: action_id "${el.action_id}" is used twice in one block`);
      actionIds.add(el.action_id);
    }
    if (el.type === 'button') {
      const text = textOf(el.text);
      if (!text) problems.push(`${where}: button text is empty`);
      else if (text.length > L.buttonText)
        problems.push(`${where}: button text is ${text.length} characters; the limit is ${L.buttonText}`);
      if (typeof el.value === 'string' && el.value.length > L.buttonValue) {
        problems.push(`${where}: button value is ${el.value.length} characters; the limit is ${L.buttonValue}`);
      }
      if (typeof el.url === 'string' && el.url.length > L.buttonUrl)
        problems.push(`${where}: button url is ${el.url.length} characters; the limit is ${L.buttonUrl}`);
    }
    if (typeof el.type === 'string' && SELECT_TYPES.has(el.type)) checkOptions(el, where, problems);
    const placeholder = textOf(el.placeholder);
    if (placeholder !== undefined && placeholder.length > L.placeholder) {
      problems.push(`${where}: placeholder is ${placeholder.length} characters; the limit is ${L.placeholder}`);
    }
  });
}

function checkOptions(el: Obj, where: string, problems: string[]): void {
  const options: unknown[] = Array.isArray(el.options) ? el.options : [];
  const groups: unknown[] = Array.isArray(el.option_groups) ? el.option_groups : [];
  const isExternal = typeof el.type === 'string' && /external|users|conversations|channels/.test(el.type);
  if (options.length > L.selectOptions) problems.push(`${where}: ${options.length} options; the limit is ${L.selectOptions}`);
  if (groups.length > L.selectOptions) problems.push(`${where}: ${groups.length} option groups; the limit is ${L.selectOptions}`);
  if (!isExternal && options.length === 0 && groups.length === 0) problems.push(`${where}: has no options`);
  const all = [...options, ...groups.flatMap((g) => (isObj(g) && Array.isArray(g.options) ? g.options : []))];
  all.forEach((opt, k) => {
    if (!isObj(opt)) return;
    const text = textOf(opt.text) ?? '';
    if (text.length === 0) problems.push(`${where}: options[${k}] text is empty`);
    if (text.length > L.optionText)
      problems.push(`${where}: options[${k}] text is ${text.length} characters; the limit is ${L.optionText}`);
    if (typeof opt.value === 'string' && opt.value.length > L.optionValue) {
      problems.push(`${where}: options[${k}] value is ${opt.value.length} characters; the limit is ${L.optionValue}`);
    }
  });
}
