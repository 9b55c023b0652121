import { applyDigestCommand, changesDigest, type DigestCommandPlace, type DigestCommandResult } from '../digest/apply-digest-command.js';
import { type DigestCommand, type DigestCommandParse, parseDigestCommand } from '../digest/digest-command.js';
import type { DigestLens } from '../digest/digest-view.js';
import type { Store } from '../storage/index.js';
import type { Clock } from './clock.js';

/**
 * `digest …` commands: subscribe or unsubscribe a channel, show the schedule, build a preview. Parsing and applying are
 * two steps so the caller decides who may apply a command from what it does (changes), never from its words.
 */
export class DigestService {
  constructor(private readonly deps: { store: Store; clock: Clock; stalledAfterMs?: number; lenses?: readonly DigestLens[] }) {}

  parse(text: string): DigestCommandParse {
    return parseDigestCommand(text);
  }

  /** True for commands that change what a channel gets (only admins may apply those). */
  changes(command: DigestCommand): boolean {
    return changesDigest(command);
  }

  apply(place: DigestCommandPlace, actorId: string, command: DigestCommand): Promise<DigestCommandResult> {
    const { store, clock, stalledAfterMs, lenses } = this.deps;
    return applyDigestCommand(store, clock, place, actorId, command, {
      ...(stalledAfterMs === undefined ? {} : { stalledAfterMs }),
      ...(lenses === undefined ? {} : { lenses }),
    });
  }
}
