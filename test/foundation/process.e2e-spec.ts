import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpClient } from '../support/http-client';
import { killAllApis, spawnApi } from '../support/spawn-api';
import { ADMIN_KEY } from '../support/test-app';

/** The service as `npm start` runs it: a real process on the embedded database in a real directory. */
describe('the API process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'phonetrust-embedded-'));
  const env = { EMBEDDED_DB_DIR: dir, ADMIN_API_KEY: ADMIN_KEY };

  afterAll(() => {
    killAllApis();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps its data across restarts, refuses a second process on the same directory, and exits 0 on SIGTERM', async () => {
    const first = spawnApi(env);
    const url = await first.ready;
    const admin = new HttpClient(url, ADMIN_KEY);
    const created = await admin.post('/v1/api-keys', { name: 'survives-restart', role: 'analyst' });
    expect(created.status).toBe(201);

    const second = spawnApi(env);
    await expect(second.ready).rejects.toThrow(/is in use by process/);
    expect(await second.exited).toBe(1);

    // SIGTERM with requests in flight: each one is answered, then the process exits 0.
    const inFlight = Array.from({ length: 20 }, () => admin.get('/v1/api-keys').then((r) => r.status, () => 'refused'));
    await new Promise((r) => setTimeout(r, 5));
    first.kill('SIGTERM');
    const statuses = await Promise.all(inFlight);
    const firstExit = await first.exited;
    if (firstExit !== 0) console.log(first.output().slice(-3000));
    expect(firstExit).toBe(0);
    for (const status of statuses) expect([200, 503, 'refused']).toContain(status);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);

    const again = spawnApi(env);
    const url2 = await again.ready;
    const analyst = new HttpClient(url2, created.body.key);
    expect((await analyst.get('/v1/audit')).status).toBe(200);
    again.kill('SIGTERM');
    expect(await again.exited).toBe(0);
    // JSON logs, and no secret in them
    const lines = again.output().trim().split('\n').filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(0);
    expect(again.output()).not.toContain(created.body.key);
    expect(again.output()).not.toContain(ADMIN_KEY);
  });

  it('stops at boot with a message naming a bad variable', async () => {
    const bad = spawnApi({ ...env, PORT: 'eighty', DATABASE_POOL_SIZE: '-1' });
    await expect(bad.ready).rejects.toThrow();
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toContain('PORT must be an integer');
    expect(bad.output()).toContain('DATABASE_POOL_SIZE must be ≥ 1');
  });
});
