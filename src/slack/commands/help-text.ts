import { fallbackText, sectionBlock, type KnownBlock } from '../../render/block-kit-parts.js';

/** The usage message (ephemeral). Static text: nothing here echoes user input. */
export function helpMessage(): { text: string; blocks: KnownBlock[] } {
  const lines = [
    '*compute-advice* reviews where a workload should run: virtual machines, containers, serverless containers, functions (FaaS) or WebAssembly at the edge.',
    '• `/compute-advice <workload name>`: start a review; I ask the questions in a thread',
    '• `/compute-advice list`: your reviews',
    "• `/compute-advice lens`: the organisation lenses shaping the advice (your team's rules over the built-in ones)",
    '• `/compute-advice cancel [review id]`: cancel your latest open review (or that one)',
    '• `/compute-advice resume [review id]`: ask the current question again',
    '• `/compute-advice add @someone [review id]`: let someone else answer (or reply `add @someone` in the thread)',
    '• `/compute-advice signoff @someone [review id]`: ask people to sign off a finished review (or reply `signoff @someone` in its thread, or press *Request sign-off* on the card)',
    '• `/compute-advice channel design-review on|off [keywords…]`: offer reviews under design proposals here (admins)',
    '• `/compute-advice digest weekly <day> <HH:MM> <time zone> [workspace]`, `digest off`, `digest preview`: a weekly summary in this channel',
    "In a review's thread, reply with your answer, or `back`, `skip` (optional questions), `cancel` or `help`.",
    'You can also mention me with a workload name in any channel I am in.',
  ];
  return {
    text: fallbackText(
      'compute-advice: /compute-advice <workload name> starts a review. Also: list, lens, cancel, resume, add, signoff, channel design-review, digest.',
    ),
    blocks: [sectionBlock(lines.join('\n'))],
  };
}

export const DESIGN_REVIEW_USAGE = 'Usage: /compute-advice channel design-review on|off [keywords, comma-separated]';
