import { HttpClient } from './http-client';
import { ApiProcess, spawnApi } from './spawn-api';
import { ADMIN_KEY } from './test-app';
import { createTestDatabase } from './test-database';

/** A request line as pino writes it (`LOG_REQUESTS`). */
export interface RequestLine {
  level: number;
  req?: { id: string; method: string; url: string };
  res?: { statusCode: number };
}

/** The JSON lines the process has written so far. */
export function logLines(api: ApiProcess): RequestLine[] {
  return api
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as RequestLine);
}

/**
 * Runs `use` against the API as a real process (its log is what is read) on a database of its own, with a new
 * platform key; the process and the database go when it ends, whatever happened.
 */
export async function withLoggedApi(env: Record<string, string>, use: (api: ApiProcess, platform: HttpClient) => Promise<void>): Promise<void> {
  const db = await createTestDatabase();
  const api = spawnApi({ ...db.env, ADMIN_API_KEY: ADMIN_KEY, ...env });
  try {
    const url = await api.ready;
    const created = await new HttpClient(url, ADMIN_KEY).post('/v1/api-keys', { name: 'logged', role: 'platform' });
    await use(api, new HttpClient(url, created.body.key));
  } finally {
    api.kill('SIGTERM');
    await api.exited;
    await db.drop();
  }
}
