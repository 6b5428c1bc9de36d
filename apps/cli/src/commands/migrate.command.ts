import { Command, CommandRunner } from 'nest-commander';
import { databaseConfig, DatabaseConfig, openDatabase, runMigrations } from '@phonetrust/platform';
import { SCHEMA } from '@phonetrust/schema';
import { Services } from '../services';

/** `migrate`: the API runs the same migrations at start-up (same function, same advisory lock); this runs them alone. */
@Command({ name: 'migrate', description: 'Run pending database migrations (the API also runs them at start-up)' })
export class MigrateCommand extends CommandRunner {
  constructor(private readonly services: Services) {
    super();
  }

  async run(): Promise<void> {
    const database = await openDatabase(this.services.config<DatabaseConfig>(databaseConfig.KEY), SCHEMA, {
      runMigrations: false,
      applicationName: 'phonetrust-cli',
    });
    try {
      const before = await applied(database.dataSource.query.bind(database.dataSource));
      await runMigrations(database);
      const after = await applied(database.dataSource.query.bind(database.dataSource));
      const ran = after.filter((name) => !before.includes(name));
      if (ran.length === 0) process.stdout.write(`Schema up to date (${after.length} migrations applied).\n`);
      else process.stdout.write(`Applied ${ran.length} migration(s):\n${ran.map((name) => `  ${name}\n`).join('')}`);
    } finally {
      await database.close();
    }
  }
}

async function applied(query: (sql: string) => Promise<{ name: string }[]>): Promise<string[]> {
  const [exists] = (await query(`SELECT to_regclass('schema_migrations') IS NOT NULL AS ok`)) as unknown as { ok: boolean }[];
  if (!exists.ok) return [];
  return (await query(`SELECT name FROM schema_migrations ORDER BY id`)).map((row) => row.name);
}
