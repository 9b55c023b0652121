import type { Command } from 'commander';
import { dirname } from 'node:path';
import { databaseTarget, loadConfig } from '../../config.js';
import { UserError } from '../../errors.js';
import {
  BackupRefused,
  backupDatabase,
  connectDatabase,
  CopyRefused,
  copyDatabase,
  type DatabaseTarget,
  defaultMigrationsDir,
  describeTarget,
  parseTargetArgument,
  runMigrations,
  type SqlDatabase,
} from '../../storage/index.js';
import type { CliIo } from '../cli-io.js';

/** Opens the target, runs fn, and closes it whatever happens. */
async function withDatabase<T>(target: DatabaseTarget, fn: (db: SqlDatabase) => Promise<T>): Promise<T> {
  const db = await connectDatabase(target);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

export function registerDatabaseCommands(program: Command, io: CliIo): void {
  const db = program
    .command('db')
    .description('database maintenance (DATABASE_URL for PostgreSQL, else DATABASE_PATH, default ./data/compute-advice.db)');

  db.command('migrate')
    .description('apply pending migrations')
    .action(async () => {
      const target = databaseTarget(loadConfig(io.env).env);
      const where = describeTarget(target);
      const result = await withDatabase(target, (database) => runMigrations(database, defaultMigrationsDir()));
      io.out(
        result.applied.length > 0
          ? `${where}: applied ${result.applied.join(', ')}\n`
          : `${where}: up to date (${result.alreadyApplied} migration${result.alreadyApplied === 1 ? '' : 's'} applied earlier)\n`,
      );
    });

  db.command('backup')
    .description('write an online backup of the SQLite database to FILE (on PostgreSQL use pg_dump)')
    .argument('<file>', 'destination file (must not exist)')
    .option('--force', 'overwrite FILE if it exists')
    .action(async (file: string, options: { force?: boolean }) => {
      const target = databaseTarget(loadConfig(io.env).env);
      if (target.engine !== 'sqlite') {
        throw new UserError(['db backup copies the embedded SQLite file; back PostgreSQL up with pg_dump (or your provider)']);
      }
      const result = await withDatabase(target, async (database) => {
        await runMigrations(database, defaultMigrationsDir());
        if (database.engine.kind !== 'sqlite') throw new Error('expected SQLite');
        return backupDatabase(database.engine.handle, file, { overwrite: Boolean(options.force) }).catch((error: unknown) => {
          if (!(error instanceof BackupRefused)) throw new UserError([`${file}: the backup failed (${(error as Error).message})`]);
          const why = {
            is_database: 'that is the database itself; choose another file',
            exists: 'it already exists; choose another file, or pass --force to replace it',
            no_folder: `the folder ${dirname(error.destination)} does not exist; create it first`,
          }[error.reason];
          throw new UserError([`${file}: ${why}`]);
        });
      });
      io.out(`backed up ${target.path} to ${file} (${result.totalPages} pages)\n`);
    });

  db.command('copy')
    .description('copy every review, answer, decision and digest from one database into another, empty one')
    .requiredOption('--from <source>', 'sqlite:PATH (or a path) or postgres://...')
    .requiredOption('--to <destination>', 'postgres://... or sqlite:PATH; migrated first, must hold no reviews')
    .action(async (options: { from: string; to: string }) => {
      const from = parseTargetArgument(options.from);
      const to = parseTargetArgument(options.to);
      if (describeTarget(from) === describeTarget(to)) throw new UserError(['--to: must be another database than --from']);
      const counts = await withDatabase(from, async (source) => {
        await runMigrations(source, defaultMigrationsDir());
        return withDatabase(to, async (destination) => {
          await runMigrations(destination, defaultMigrationsDir());
          return copyDatabase(source, destination).catch((error: unknown) => {
            if (error instanceof CopyRefused) throw new UserError([`--to: ${error.message}; copy into an empty database`]);
            throw error;
          });
        });
      });
      const summary = Object.entries(counts)
        .filter(([, n]) => n > 0)
        .map(([table, n]) => `${table} ${n}`)
        .join(', ');
      io.out(`copied ${describeTarget(from)} to ${describeTarget(to)}: ${summary || 'nothing to copy'}\n`);
    });
}
