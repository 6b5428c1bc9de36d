import { startTestApp, TestApp } from '../support/test-app';
import { HttpClient } from '../support/http-client';
import { runInProcess } from './cli-harness';

describe('api-keys:create and api-keys:revoke', () => {
  let t: TestApp;
  const run = (...args: string[]) => runInProcess(t.app, { LOG_LEVEL: 'error' }, args);

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('creates a key that works at once, prints it once, and revoking it shuts it out; both are audited', async () => {
    const created = await run('api-keys:create', '--role', 'analyst', '--name', 'night shift');
    expect(created.error).toBeNull();
    const [, id] = /id ([0-9a-f-]{36})/.exec(created.stdout)!;
    const key = created.stdout.trim().split('\n').at(-1)!;
    expect(created.stdout).toMatch(/Created analyst key "night shift"/);

    const analyst = new HttpClient(t.baseUrl, key);
    expect((await analyst.get('/v1/cases')).status).toBe(200);
    expect((await analyst.get('/v1/api-keys')).status).toBe(403);
    const listed = await t.admin.get('/v1/api-keys?limit=100');
    expect(listed.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id, name: 'night shift', role: 'analyst', revokedAt: null })]));
    expect(JSON.stringify(listed.body)).not.toContain(key);

    const revoked = await run('api-keys:revoke', id);
    expect(revoked.error).toBeNull();
    expect(revoked.stdout).toBe(`Revoked API key ${id}.\n`);
    expect((await analyst.get('/v1/cases')).status).toBe(401);
    // Idempotent, as DELETE /v1/api-keys/{id} is.
    expect((await run('api-keys:revoke', id)).error).toBeNull();

    const audit = await t.admin.get(`/v1/audit?actor=system&limit=100`);
    const actions = audit.body.items.filter((e: { subjectId: string }) => e.subjectId === id).map((e: { action: string }) => e.action);
    expect(actions.sort()).toEqual(['api_key.created', 'api_key.revoked']);
  });

  it('refuses a bad role, a missing name, a malformed or unknown id with a clear message', async () => {
    expect((await run('api-keys:create', '--role', 'root', '--name', 'x')).error?.message).toBe('--role must be one of admin, platform, analyst');
    expect((await run('api-keys:create', '--role', 'admin')).error?.message).toMatch(/--name is required/);
    expect((await run('api-keys:revoke', 'abc')).error?.message).toBe('"abc" is not an API key id (a UUID)');
    expect((await run('api-keys:revoke', '00000000-0000-4000-8000-000000000000')).error?.message).toBe('no API key with id 00000000-0000-4000-8000-000000000000');
  });
});
