import { type DigestCommandPlace, type DigestCommandResult, handleDigestText } from '../digest/apply-digest-command.js';
import type { DigestLens } from '../digest/digest-view.js';
import type { Store } from '../storage/index.js';
import type { Clock } from './clock.js';

/** `digest …` commands: subscribe or unsubscribe a channel, show the schedule, build a preview. */
export class DigestService {
  constructor(private readonly deps: { store: Store; clock: Clock; stalledAfterMs?: number; lenses?: readonly DigestLens[] }) {}

  command(place: DigestCommandPlace, actorId: string, text: string): DigestCommandResult {
    const { store, clock, stalledAfterMs, lenses } = this.deps;
    return handleDigestText(store, clock, place, actorId, text, {
      ...(stalledAfterMs === undefined ? {} : { stalledAfterMs }),
      ...(lenses === undefined ? {} : { lenses }),
    });
  }
}
