import { choiceKeys, normalizeChoiceText, type Choice } from './question.js';

/**
 * Finds the choice a person meant: by position ("2"), value ("bursty"), label or its head ("Bursty"),
 * an alias ("golang"), or an unambiguous start of one of those ("multi"), in any case.
 */
export type ChoiceMatch = { kind: 'match'; choice: Choice } | { kind: 'ambiguous'; candidates: Choice[] } | { kind: 'none' };

interface KeyedChoice {
  choice: Choice;
  keys: string[];
}

const keyCache = new WeakMap<readonly Choice[], KeyedChoice[]>();

function keyed(choices: readonly Choice[]): KeyedChoice[] {
  let cached = keyCache.get(choices);
  if (!cached) {
    cached = choices.map((choice) => ({ choice, keys: choiceKeys(choice) }));
    keyCache.set(choices, cached);
  }
  return cached;
}

const MIN_PREFIX = 3;

/** Matches one already-normalised phrase against the choices. */
export function matchChoice(choices: readonly Choice[], phrase: string): ChoiceMatch {
  const text = normalizeChoiceText(phrase);
  if (text === '') return { kind: 'none' };
  const position = /^(?:#|number |option )?(\d{1,3})$/.exec(text);
  if (position) {
    const choice = choices[Number(position[1]) - 1];
    return choice ? { kind: 'match', choice } : { kind: 'none' };
  }
  const all = keyed(choices);
  const exact = all.filter((entry) => entry.keys.includes(text));
  if (exact.length === 1 && exact[0]) return { kind: 'match', choice: exact[0].choice };
  // A start of a name: at least three letters ("multi"), or a whole first word ("ml" for "ml training").
  const prefixed = all.filter((entry) => entry.keys.some((key) => key.startsWith(text.length >= MIN_PREFIX ? text : `${text} `)));
  if (prefixed.length === 1 && prefixed[0]) return { kind: 'match', choice: prefixed[0].choice };
  if (prefixed.length > 1) return { kind: 'ambiguous', candidates: prefixed.map((entry) => entry.choice) };
  return { kind: 'none' };
}

const LIST_FILLERS = new Set([
  'and',
  'or',
  'plus',
  'also',
  'both',
  'with',
  'we',
  'need',
  'needs',
  'use',
  'uses',
  'it',
  'a',
  'an',
  'the',
  'some',
]);

/**
 * Reads a list of choices: "gpu, hsm", "1 3", "local nvme and gpu", "GPU & HSM".
 * Longest phrase first, so multi-word labels survive being split on spaces.
 */
export function matchChoiceList(
  choices: readonly Choice[],
  raw: string,
): { kind: 'match'; choices: Choice[] } | { kind: 'ambiguous'; candidates: Choice[] } | { kind: 'none' } {
  const whole = matchChoice(choices, raw);
  if (whole.kind === 'match') return { kind: 'match', choices: [whole.choice] };

  const tokens = raw
    .split(/[,;&+|\n]+|\s+/)
    .map((token) => normalizeChoiceText(token))
    .flatMap((token) => token.split(' '))
    .filter((token) => token.length > 0 && !LIST_FILLERS.has(token));
  if (tokens.length === 0) return { kind: 'none' };

  // No name is longer than its longest key, which bounds the work on long inputs.
  const longest = Math.max(1, ...keyed(choices).flatMap((entry) => entry.keys.map((key) => key.split(' ').length)));
  const picked: Choice[] = [];
  let index = 0;
  while (index < tokens.length) {
    let matched = false;
    for (let end = Math.min(tokens.length, index + longest); end > index; end--) {
      const phrase = tokens.slice(index, end).join(' ');
      const result = end - index === 1 ? matchChoice(choices, phrase) : exactOnly(choices, phrase);
      if (result.kind === 'ambiguous') return result;
      if (result.kind === 'match') {
        if (!picked.includes(result.choice)) picked.push(result.choice);
        index = end;
        matched = true;
        break;
      }
    }
    if (!matched) return { kind: 'none' };
  }
  return { kind: 'match', choices: picked };
}

function exactOnly(choices: readonly Choice[], phrase: string): ChoiceMatch {
  const text = normalizeChoiceText(phrase);
  const exact = keyed(choices).filter((entry) => entry.keys.includes(text));
  return exact.length === 1 && exact[0] ? { kind: 'match', choice: exact[0].choice } : { kind: 'none' };
}
