import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

export interface TestDatabase {
  /** Env entries that point the app at this database. */
  readonly env: Record<string, string>;
  /** The server URL when the tests run on PostgreSQL, else null (embedded). */
  readonly url: string | null;
  drop(): Promise<void>;
}

/** True when e2e tests run against a real PostgreSQL server (CI), false on the embedded database. */
export const usingPostgres = Boolean(process.env.TEST_DATABASE_URL);

/**
 * A database of its own for one test file: a fresh database on TEST_DATABASE_URL's server, or an embedded one
 * (in memory, or in a temporary directory when it must outlive a restart). Test files never share state,
 * so they can run in parallel.
 */
export async function createTestDatabase(options: { persistent?: boolean } = {}): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl && options.persistent) {
    // Survives the app being stopped and started again (restart tests).
    const dir = mkdtempSync(join(tmpdir(), 'phonetrust-test-'));
    return { env: { EMBEDDED_DB_DIR: dir }, url: null, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  if (!serverUrl) {
    return { env: { EMBEDDED_DB_DIR: 'memory://' }, url: null, drop: async () => undefined };
  }
  const name = `pt_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    url: url.toString(),
    drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
