import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { dirname } from 'node:path';
import { BackupRefused, backupDatabase, defaultMigrationsDir, openCheckedDatabase, runMigrations } from '../../storage/index.js';
import type { CliIo } from '../cli-io.js';
import { UserError } from '../../errors.js';

export function registerDatabaseCommands(program: Command, io: CliIo): void {
  const db = program.command('db').description('database maintenance (DATABASE_PATH, default ./data/compute-advice.db)');

  db.command('migrate')
    .description('apply pending migrations')
    .action(() => {
      const path = loadConfig(io.env).env.DATABASE_PATH;
      const database = openCheckedDatabase(path);
      try {
        const result = runMigrations(database, defaultMigrationsDir());
        io.out(
          result.applied.length > 0
            ? `${path}: applied ${result.applied.join(', ')}\n`
            : `${path}: up to date (${result.alreadyApplied} migration${result.alreadyApplied === 1 ? '' : 's'} applied earlier)\n`,
        );
      } finally {
        database.close();
      }
    });

  db.command('backup')
    .description('write an online backup of the database to FILE')
    .argument('<file>', 'destination file (must not exist)')
    .option('--force', 'overwrite FILE if it exists')
    .action(async (file: string, options: { force?: boolean }) => {
      const path = loadConfig(io.env).env.DATABASE_PATH;
      const database = openCheckedDatabase(path);
      try {
        runMigrations(database, defaultMigrationsDir());
        const result = await backupDatabase(database, file, { overwrite: Boolean(options.force) }).catch((error: unknown) => {
          if (!(error instanceof BackupRefused)) throw new UserError([`${file}: the backup failed (${(error as Error).message})`]);
          const why = {
            is_database: 'that is the database itself; choose another file',
            exists: 'it already exists; choose another file, or pass --force to replace it',
            no_folder: `the folder ${dirname(error.destination)} does not exist; create it first`,
          }[error.reason];
          throw new UserError([`${file}: ${why}`]);
        });
        io.out(`backed up ${path} to ${file} (${result.totalPages} pages)\n`);
      } finally {
        database.close();
      }
    });
}
