import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';

export interface BackupOptions {
  /** Replace an existing file at the destination. Default false. */
  overwrite?: boolean;
}

/** Why a backup was refused before it started; the caller says it in its own words (a CLI flag, an API field). */
export class BackupRefused extends Error {
  constructor(
    readonly reason: 'is_database' | 'exists' | 'no_folder',
    readonly destination: string,
  ) {
    super(`backup to ${destination} refused: ${reason}`);
    this.name = 'BackupRefused';
  }
}

/**
 * An online backup (SQLite backup API): readers and writers may keep using the database meanwhile. The destination's
 * folder must exist: a mistyped path fails instead of leaving a backup where nobody will look for it.
 */
export async function backupDatabase(
  db: Database.Database,
  destinationPath: string,
  options: BackupOptions = {},
): Promise<{ totalPages: number }> {
  const destination = path.resolve(destinationPath);
  if (!db.memory && destination === path.resolve(db.name)) throw new BackupRefused('is_database', destination);
  if (!fs.existsSync(path.dirname(destination))) throw new BackupRefused('no_folder', destination);
  if (fs.existsSync(destination)) {
    if (!options.overwrite) throw new BackupRefused('exists', destination);
    // Stale -wal/-shm files beside the old copy would otherwise be replayed over the new one.
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(destination + suffix, { force: true });
  }
  const { totalPages } = await db.backup(destination);
  return { totalPages };
}
