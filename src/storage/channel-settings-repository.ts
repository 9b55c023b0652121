import type Database from 'better-sqlite3';
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
  private readonly selectOne;
  private readonly upsert;
  private readonly insertOffer;

  constructor(db: Database.Database) {
    this.selectOne = db.prepare('SELECT * FROM channel_settings WHERE platform = ? AND workspace_id = ? AND channel_id = ?');
    this.upsert = db.prepare(
      `INSERT INTO channel_settings (platform, workspace_id, channel_id, design_review, keywords_json, updated_by, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (platform, workspace_id, channel_id) DO UPDATE SET design_review = excluded.design_review,
         keywords_json = excluded.keywords_json, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    );
    this.insertOffer = db.prepare(
      'INSERT OR IGNORE INTO design_review_offers (platform, channel_id, message_ref, offered_at) VALUES (?, ?, ?, ?)',
    );
  }

  get(platform: Platform, workspaceId: string, channelId: string): ChannelSettings | undefined {
    const row = this.selectOne.get(platform, workspaceId, channelId) as ChannelSettingsRow | undefined;
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

  setDesignReview(
    platform: Platform,
    workspaceId: string,
    channelId: string,
    on: boolean,
    keywords: readonly string[] | null,
    by: string,
    at: number,
  ): void {
    this.upsert.run(platform, workspaceId, channelId, on ? 1 : 0, keywords === null ? null : toJson(keywords), by, at);
  }

  /** True only the first time for a message: claim the offer before posting it. */
  recordOfferOnce(platform: Platform, channelId: string, messageRef: string, at: number): boolean {
    return this.insertOffer.run(platform, channelId, messageRef, at).changes > 0;
  }
}
