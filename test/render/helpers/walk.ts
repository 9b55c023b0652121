/** Test helpers that pull texts out of rendered Block Kit and Adaptive Card JSON. */

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

function walk(node: unknown, visit: (o: Obj) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (isObj(node)) {
    visit(node);
    Object.values(node).forEach((v) => walk(v, visit));
  }
}

/** Every Slack text object of the given type (`mrkdwn` or `plain_text`), as its text. */
export function slackTexts(blocks: unknown[], type: 'mrkdwn' | 'plain_text'): string[] {
  const out: string[] = [];
  walk(blocks, (o) => {
    if (o.type === type && typeof o.text === 'string') out.push(o.text);
  });
  return out;
}

/** Every object in the tree with the given `type`. */
export function nodesOfType(root: unknown, type: string): Obj[] {
  const out: Obj[] = [];
  walk(root, (o) => {
    if (o.type === type) out.push(o);
  });
  return out;
}

/** Every Markdown-processed string on an Adaptive Card: TextBlock texts and Fact titles/values. */
export function cardMarkdownTexts(card: unknown): string[] {
  const out: string[] = [];
  walk(card, (o) => {
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
    if (o.type === 'FactSet' && Array.isArray(o.facts)) {
      for (const f of o.facts) if (isObj(f)) out.push(String(f.title), String(f.value));
    }
  });
  return out;
}

/** Every `Action.Submit` on a card, wherever it sits (card actions or ActionSets). */
export function submitActions(card: unknown): Array<{ title: string; data: Obj; associatedInputs?: string }> {
  return nodesOfType(card, 'Action.Submit').map((a) => ({
    title: String(a.title),
    data: (a.data ?? {}) as Obj,
    ...(typeof a.associatedInputs === 'string' ? { associatedInputs: a.associatedInputs } : {}),
  }));
}

/**
 * True when a mrkdwn string contains no live Slack control sequence: no raw `<` or `>`, and every `&` starts
 * one of the three entities Slack decodes.
 */
export function isInertMrkdwn(text: string): boolean {
  return !/[<>]/.test(text) && !/&(?!amp;|lt;|gt;)/.test(text);
}
