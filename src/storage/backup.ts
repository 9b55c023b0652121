import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';

export interface BackupOptions {
  /** Replace an existing file at the destination. Default false. */
  overwrite?: boolean;
}

/** An online backup (SQLite backup API): readers and writers may keep using the database meanwhile. */
export async function backupDatabase(
  db: Database.Database,
  destinationPath: string,
  options: BackupOptions = {},
): Promise<{ totalPages: number }> {
  const destination = path.resolve(destinationPath);
  if (!db.memory && destination === path.resolve(db.name)) {
    throw new Error(`Backup destination ${destination} is the database itself; choose another file.`);
  }
  if (fs.existsSync(destination)) {
    if (!options.overwrite) {
      throw new Error(`Backup destination ${destination} already exists; remove it or pass overwrite.`);
    }
    // Stale -wal/-shm files beside the old copy would otherwise be replayed over the new one.
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(destination + suffix, { force: true });
  }
  fs.mkdirSync(path.dirname(destination), { recursive: true });
  const { totalPages } = await db.backup(destination);
  return { totalPages };
}
