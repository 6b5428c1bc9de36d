import { ApiKeyAuthenticator, hashApiKey } from '@phonetrust/platform';
import { ApiKeyRepository } from '../../libs/platform/src/auth/api-key.repository';
import { changeBusSettled } from '../support/change-bus-settled';
import { HttpClient } from '../support/http-client';
import { ADMIN_KEY, startTestApp, TestApp } from '../support/test-app';

describe('API keys and roles', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.dispose());

  it('ensures ADMIN_API_KEY at start-up, stored hashed', async () => {
    expect((await t.admin.get('/v1/api-keys')).status).toBe(200);
    const rows = await t.dataSource.query('SELECT key_hash, key_prefix, role FROM api_keys');
    expect(rows).toContainEqual({ key_hash: hashApiKey(ADMIN_KEY), key_prefix: 'test…', role: 'admin' });
  });

  it.each([
    [undefined, 'no header'],
    ['Bearer', 'an empty bearer'],
    ['Basic dXNlcjpwYXNz', 'another scheme'],
    ['Bearer pt_unknownkeyunknownkeyunknownkeyunknownkey12', 'an unknown key'],
    [`Bearer ${'x'.repeat(5000)}`, 'a huge key'],
    ["Bearer ' OR '1'='1", 'an injection attempt'],
  ])('answers 401 unauthorized for %s (%s)', async (authorization, _why) => {
    const res = await t.anonymous.get('/v1/api-keys', { headers: authorization ? { authorization } : {} });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ statusCode: 401, code: 'unauthorized' });
  });

  it('shows a new key once, never in a list, and stores only its hash', async () => {
    const created = await t.admin.post('/v1/api-keys', { name: 'shop-backend', role: 'platform' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'shop-backend', role: 'platform', revokedAt: null });
    const key: string = created.body.key;
    expect(key).toMatch(/^pt_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(created.body.prefix)).toBe(true);

    const list = await t.admin.get('/v1/api-keys');
    expect(list.text).not.toContain(key);
    const dump = JSON.stringify(await t.dataSource.query('SELECT * FROM api_keys'));
    const audit = JSON.stringify(await t.dataSource.query('SELECT * FROM audit_entries'));
    expect(dump).not.toContain(key);
    expect(audit).not.toContain(key);
    expect(dump).toContain(hashApiKey(key));
  });

  it('lets each role reach only its routes (403 forbidden otherwise)', async () => {
    const platform = await t.clientFor('platform');
    const analyst = await t.clientFor('analyst');
    expect((await platform.get('/v1/api-keys')).body).toMatchObject({ statusCode: 403, code: 'forbidden' });
    expect((await analyst.post('/v1/api-keys', { name: 'x', role: 'admin' })).status).toBe(403);
    expect((await platform.get('/v1/audit')).status).toBe(403);
    expect((await analyst.get('/v1/audit')).status).toBe(200);
    expect((await t.admin.get('/v1/audit')).status).toBe(200);
  });

  it('revokes a key everywhere at once, idempotently, with an audit entry', async () => {
    const created = await t.admin.post('/v1/api-keys', { name: 'to-revoke', role: 'analyst' });
    const client = new HttpClient(t.baseUrl, created.body.key);
    expect((await client.get('/v1/audit')).status).toBe(200); // now cached

    expect((await t.admin.delete(`/v1/api-keys/${created.body.id}`)).status).toBe(204);
    expect((await client.get('/v1/audit')).status).toBe(401);
    expect((await t.admin.delete(`/v1/api-keys/${created.body.id}`)).status).toBe(204);

    const listed = (await t.admin.get('/v1/api-keys?limit=100')).body.items.find((k: any) => k.id === created.body.id);
    expect(listed.revokedAt).not.toBeNull();
    const audit = await t.admin.get('/v1/audit?actor=' + encodeURIComponent('admin (ADMIN_API_KEY)'));
    const actions = audit.body.items.filter((e: any) => e.subjectId === created.body.id).map((e: any) => e.action);
    expect(actions.sort()).toEqual(['api_key.created', 'api_key.revoked']);
  });

  it("evicts only the key that changed from the key cache: creating or revoking another leaves a key in use cached", async () => {
    const authenticator = t.app.get(ApiKeyAuthenticator);
    const inUse = await t.admin.post('/v1/api-keys', { name: 'stays-cached', role: 'analyst' });
    await changeBusSettled(t.app); // its own notification has come back: nothing will evict it after the next request
    expect((await new HttpClient(t.baseUrl, inUse.body.key).get('/v1/audit')).status).toBe(200);
    expect(authenticator.peek(inUse.body.key)).toMatchObject({ keyId: inUse.body.id });

    const other = await t.admin.post('/v1/api-keys', { name: 'comes-and-goes', role: 'analyst' });
    await changeBusSettled(t.app);
    const otherClient = new HttpClient(t.baseUrl, other.body.key);
    expect((await otherClient.get('/v1/audit')).status).toBe(200);
    expect(authenticator.peek(inUse.body.key)).toMatchObject({ keyId: inUse.body.id });
    expect(authenticator.peek(other.body.key)).toMatchObject({ keyId: other.body.id });

    await t.admin.delete(`/v1/api-keys/${other.body.id}`);
    await changeBusSettled(t.app);
    expect(authenticator.peek(other.body.key)).toBeUndefined();
    expect(authenticator.peek(inUse.body.key)).toMatchObject({ keyId: inUse.body.id });
    expect((await otherClient.get('/v1/audit')).status).toBe(401);
  });

  it('looks many keys up in one go, as the cache reloads them: active ones with their principal, others null', async () => {
    const active = await t.admin.post('/v1/api-keys', { name: 'reloaded', role: 'platform' });
    const revoked = await t.admin.post('/v1/api-keys', { name: 'reloaded-revoked', role: 'analyst' });
    await t.admin.delete(`/v1/api-keys/${revoked.body.id}`);
    const hashes = [hashApiKey(active.body.key), hashApiKey(revoked.body.key), hashApiKey('never-issued')];
    const found = await t.app.get(ApiKeyRepository).findActivePrincipalsByHash(hashes);
    expect([...found.entries()]).toEqual([
      [hashes[0], { keyId: active.body.id, name: 'reloaded', role: 'platform' }],
      [hashes[1], null],
      [hashes[2], null],
    ]);
  });

  it.each(['00000000-0000-0000-0000-000000000000', 'undefined', 'null', '%20', "1' OR '1'='1", '1'])(
    'answers 404 for key id %j',
    async (id) => {
      const res = await t.admin.delete(`/v1/api-keys/${id}`);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('not_found');
    },
  );
});
