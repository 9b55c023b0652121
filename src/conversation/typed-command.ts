/** A word typed in a review's thread that is a command, not an answer. */
export type TypedCommand = 'back' | 'skip' | 'cancel' | 'help';

const COMMANDS: Readonly<Record<string, TypedCommand>> = {
  back: 'back',
  'go back': 'back',
  previous: 'back',
  skip: 'skip',
  cancel: 'cancel',
  help: 'help',
  '?': 'help',
};

/**
 * "back", "skip", "cancel" or "help" (with or without a leading ":" or "/", in any case) typed as a whole reply. Commands
 * win over a question's aliases: typed "back" goes back on every surface, it is never an answer.
 */
export function typedCommand(text: string): TypedCommand | undefined {
  const word = text
    .trim()
    .replace(/^[:/]/, '')
    .replace(/[.!]+$/, '')
    .replace(/\s+/g, ' ')
    .toLowerCase();
  return COMMANDS[word];
}
