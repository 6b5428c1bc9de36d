import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { HttpClient } from './http-client';
import { createTestDatabase, TestDatabase } from './test-database';

export const ADMIN_KEY = 'test-admin-key-0123456789abcdefghij';

/** Quiet, fast defaults for tests; each test file overrides what it exercises. */
export const TEST_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
  ADMIN_API_KEY: ADMIN_KEY,
  HOST: '127.0.0.1',
  PORT: '0',
  DOCS_ENABLED: 'true',
};

export interface TestApp {
  app: NestFastifyApplication;
  baseUrl: string;
  db: TestDatabase;
  dataSource: DataSource;
  /** Authenticated as the bootstrap admin. */
  admin: HttpClient;
  /** Unauthenticated. */
  anonymous: HttpClient;
  /** A client with a new key of the given role. */
  clientFor(role: 'admin' | 'platform' | 'analyst', name?: string): Promise<HttpClient>;
  /** Stops the app; the database stays until `dispose`. */
  stop(): Promise<void>;
  /** Stops the app and drops its database. */
  dispose(): Promise<void>;
}

/** Starts the real API on a port of its own over a database of its own. */
export async function startTestApp(env: Record<string, string> = {}, db?: TestDatabase): Promise<TestApp> {
  const database = db ?? (await createTestDatabase());
  const app = await createApiApp({ ...TEST_ENV, ...database.env, ...env });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const admin = new HttpClient(baseUrl, env.ADMIN_API_KEY ?? ADMIN_KEY);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.close();
  };
  return {
    app,
    baseUrl,
    db: database,
    dataSource: app.get(DataSource),
    admin,
    anonymous: new HttpClient(baseUrl),
    async clientFor(role, name = `${role}-test`) {
      const created = await admin.post('/v1/api-keys', { name, role });
      if (created.status !== 201) throw new Error(`could not create a ${role} key: ${created.status} ${created.text}`);
      return new HttpClient(baseUrl, created.body.key);
    },
    stop,
    async dispose() {
      await stop();
      await database.drop();
    },
  };
}
