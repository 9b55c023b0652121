import type { ChannelSettings, Platform, Store } from '../storage/index.js';
import type { Clock } from './clock.js';

/** Per-channel settings (design-review mode) and the one-offer-per-proposal claim. */
export class ChannelService {
  constructor(private readonly deps: { store: Store; clock: Clock }) {}

  settings(platform: Platform, workspaceId: string, channelId: string): Promise<ChannelSettings | undefined> {
    return this.deps.store.channels.get(platform, workspaceId, channelId);
  }

  setDesignReview(
    place: { platform: Platform; workspaceId: string; channelId: string },
    on: boolean,
    keywords: readonly string[] | null,
    by: string,
  ): Promise<void> {
    return this.deps.store.channels.setDesignReview(
      place.platform,
      place.workspaceId,
      place.channelId,
      on,
      on ? keywords : null,
      by,
      this.deps.clock.now(),
    );
  }

  /** True only the first time for a message: claim the offer before posting it, so a proposal is offered once. */
  claimOffer(platform: Platform, channelId: string, messageRef: string): Promise<boolean> {
    return this.deps.store.channels.recordOfferOnce(platform, channelId, messageRef, this.deps.clock.now());
  }
}
