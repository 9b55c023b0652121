import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultMigrationsDir, MigrationError } from '../../src/storage/migrations.js';
import { copyMigrations, migrate, openTempDatabase, tableNames, tempDir } from './helpers.js';

const ALL_TABLES = [
  'answer_history',
  'answers',
  'channel_settings',
  'decisions',
  'design_review_offers',
  'participants',
  'processed_events',
  'recommendations',
  'review_messages',
  'reviews',
  'schema_migrations',
];

async function refusal(fn: () => Promise<unknown>): Promise<MigrationError> {
  try {
    await fn();
  } catch (err) {
    expect(err).toBeInstanceOf(MigrationError);
    return err as MigrationError;
  }
  throw new Error('expected a MigrationError');
}

function schemaSnapshot(db: ReturnType<typeof openTempDatabase>): unknown {
  return {
    schema: db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all(),
    migrations: db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all(),
  };
}

describe('defaultMigrationsDir', () => {
  it('finds the repository migrations folder', () => {
    const dir = defaultMigrationsDir();
    expect(path.basename(dir)).toBe('migrations');
    expect(fs.existsSync(path.join(dir, '0001_init.sql'))).toBe(true);
  });
});

describe('runMigrations', () => {
  it('applies every migration to a fresh database and records its checksum', async () => {
    const db = openTempDatabase();
    const result = await migrate(db, defaultMigrationsDir());
    expect(result.applied[0]).toBe('0001_init.sql');
    expect(result.alreadyApplied).toBe(0);
    expect(tableNames(db)).toEqual(expect.arrayContaining(ALL_TABLES));
    const row = db.prepare('SELECT * FROM schema_migrations WHERE version = 1').get() as Record<string, unknown>;
    expect(row.name).toBe('init');
    expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(Number.isNaN(Date.parse(String(row.applied_at)))).toBe(false);
    expect(db.pragma('table_list(reviews)')).toEqual([expect.objectContaining({ strict: 1 })]);
  });

  it('is a no-op when re-run, also after reopening the file', async () => {
    const dir = tempDir();
    const first = openTempDatabase(dir);
    const applied = (await migrate(first, defaultMigrationsDir())).applied.length;
    const before = schemaSnapshot(first);
    expect(await migrate(first, defaultMigrationsDir())).toEqual({ applied: [], alreadyApplied: applied });
    first.close();
    const again = openTempDatabase(dir);
    expect(await migrate(again, defaultMigrationsDir())).toEqual({ applied: [], alreadyApplied: applied });
    expect(schemaSnapshot(again)).toEqual(before);
  });

  it('applies only the new migration when one is added', async () => {
    const dir = copyMigrations();
    const db = openTempDatabase();
    await migrate(db, dir);
    fs.writeFileSync(path.join(dir, '0099_add_notes.sql'), 'CREATE TABLE notes (id INTEGER PRIMARY KEY) STRICT;');
    const result = await migrate(db, dir);
    expect(result.applied).toEqual(['0099_add_notes.sql']);
    expect(tableNames(db)).toContain('notes');
  });

  it('refuses an edited migration, naming the file', async () => {
    const dir = copyMigrations();
    const db = openTempDatabase();
    await migrate(db, dir);
    fs.appendFileSync(path.join(dir, '0001_init.sql'), '\n-- a harmless-looking edit\n');
    const err = await refusal(() => migrate(db, dir));
    expect(err.code).toBe('migration_changed');
    expect(err.file).toBe('0001_init.sql');
    expect(err.message).toContain('0001_init.sql');
  });

  it('refuses when an applied migration file is missing', async () => {
    const dir = copyMigrations();
    fs.writeFileSync(path.join(dir, '0900_extra.sql'), 'CREATE TABLE extra (id INTEGER PRIMARY KEY) STRICT;');
    const db = openTempDatabase();
    await migrate(db, dir);
    fs.rmSync(path.join(dir, '0900_extra.sql'));
    const err = await refusal(() => migrate(db, dir));
    expect(err.code).toBe('migration_missing');
    expect(err.message).toContain('0900_extra.sql');
  });

  it('refuses a new migration numbered below the highest applied one', async () => {
    const dir = copyMigrations();
    fs.writeFileSync(path.join(dir, '0910_later.sql'), 'CREATE TABLE later (id INTEGER PRIMARY KEY) STRICT;');
    const db = openTempDatabase();
    await migrate(db, dir);
    fs.writeFileSync(path.join(dir, '0905_sneaky.sql'), 'CREATE TABLE sneaky (id INTEGER PRIMARY KEY) STRICT;');
    const err = await refusal(() => migrate(db, dir));
    expect(err.code).toBe('migration_out_of_order');
    expect(err.message).toContain('0905_sneaky.sql');
    expect(tableNames(db)).not.toContain('sneaky');
  });

  it.each(['2_short.sql', '0002-dashes.sql', '0002_CamelCase.sql', '0000_zero.sql'])(
    'refuses a badly named file (%s) before touching the database',
    async (name) => {
      const dir = copyMigrations();
      fs.writeFileSync(path.join(dir, name), 'SELECT 1;');
      const db = openTempDatabase();
      const err = await refusal(() => migrate(db, dir));
      expect(err.code).toBe('migration_bad_name');
      expect(err.message).toContain(name);
      expect(tableNames(db)).toEqual([]);
    },
  );

  it('refuses two files with the same number', async () => {
    const dir = copyMigrations();
    fs.writeFileSync(path.join(dir, '0001_other.sql'), 'SELECT 1;');
    const err = await refusal(() => migrate(openTempDatabase(), dir));
    expect(err.code).toBe('migration_duplicate');
    expect(err.message).toContain('0001_other.sql');
  });

  it('rolls a failing migration back completely and applies nothing after it', async () => {
    const dir = copyMigrations();
    fs.writeFileSync(
      path.join(dir, '0900_broken.sql'),
      `CREATE TABLE half_done (id INTEGER PRIMARY KEY) STRICT;
       INSERT INTO half_done (id) VALUES (1);
       ALTER TABLE reviews ADD COLUMN note TEXT;
       CREATE TABLE oops (id INTEGER PRIMARY KEY) STRICTT;`,
    );
    fs.writeFileSync(path.join(dir, '0901_after.sql'), 'CREATE TABLE after_broken (id INTEGER PRIMARY KEY) STRICT;');
    const db = openTempDatabase();
    const err = await refusal(() => migrate(db, dir));
    expect(err.code).toBe('migration_failed');
    expect(err.message).toContain('0900_broken.sql');
    expect(err.cause).toBeInstanceOf(Error);

    expect(tableNames(db)).not.toContain('half_done');
    expect(tableNames(db)).not.toContain('after_broken');
    const columns = (db.pragma('table_info(reviews)') as Array<{ name: string }>).map((c) => c.name);
    expect(columns).not.toContain('note');
    const versions = db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[];
    expect(versions).not.toContain(900);
    expect(versions).not.toContain(901);
    expect(db.inTransaction).toBe(false);
  });

  it('ignores files that are not .sql', async () => {
    const dir = copyMigrations();
    fs.writeFileSync(path.join(dir, 'README.md'), '# notes');
    expect((await migrate(openTempDatabase(), dir)).applied).toContain('0001_init.sql');
  });
});
