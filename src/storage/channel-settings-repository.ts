import { changed } from './results.js';
import type { SqlDatabase } from './sql-database.js';
import { fromNullableJson, toJson } from './json.js';
import type { Platform } from './review-repository.js';

export interface ChannelSettings {
  platform: Platform;
  workspaceId: string;
  channelId: string;
  designReview: boolean;
  /** Words that mark a design proposal; null means the default list. */
  keywords: string[] | null;
  updatedBy: string;
  updatedAt: number;
}

interface ChannelSettingsRow {
  platform: Platform;
  workspace_id: string;
  channel_id: string;
  design_review: number;
  keywords_json: string | null;
  updated_by: string;
  updated_at: number;
}

/** Per-channel settings and the once-per-message design-review offers. */
export class ChannelSettingsRepository {
  constructor(private readonly db: SqlDatabase) {}

  async get(platform: Platform, workspaceId: string, channelId: string): Promise<ChannelSettings | undefined> {
    const row = (await this.db.q
      .selectFrom('channel_settings')
      .selectAll()
      .where('platform', '=', platform)
      .where('workspace_id', '=', workspaceId)
      .where('channel_id', '=', channelId)
      .executeTakeFirst()) as ChannelSettingsRow | undefined;
    if (!row) return undefined;
    return {
      platform: row.platform,
      workspaceId: row.workspace_id,
      channelId: row.channel_id,
      designReview: row.design_review === 1,
      keywords: (fromNullableJson(row.keywords_json) as string[] | undefined) ?? null,
      updatedBy: row.updated_by,
      updatedAt: row.updated_at,
    };
  }

  async setDesignReview(
    platform: Platform,
    workspaceId: string,
    channelId: string,
    on: boolean,
    keywords: readonly string[] | null,
    by: string,
    at: number,
  ): Promise<void> {
    const values = {
      design_review: on ? 1 : 0,
      keywords_json: keywords === null ? null : toJson(keywords),
      updated_by: by,
      updated_at: at,
    };
    await this.db.q
      .insertInto('channel_settings')
      .values({ platform, workspace_id: workspaceId, channel_id: channelId, ...values })
      .onConflict((oc) => oc.columns(['platform', 'workspace_id', 'channel_id']).doUpdateSet(values))
      .execute();
  }

  /** True only the first time for a message: claim the offer before posting it. */
  async recordOfferOnce(platform: Platform, channelId: string, messageRef: string, at: number): Promise<boolean> {
    const result = await this.db.q
      .insertInto('design_review_offers')
      .values({ platform, channel_id: channelId, message_ref: messageRef, offered_at: at })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return changed(result);
  }
}
