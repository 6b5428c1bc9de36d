import { startTestApp, TestApp } from '../support/test-app';

describe('HTTP conventions (SPEC §2)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.dispose());

  function expectErrorBody(body: any, status: number, code: string) {
    expect(body).toMatchObject({ statusCode: status, code });
    expect(typeof body.message).toBe('string');
    expect(typeof body.requestId).toBe('string');
    expect(JSON.stringify(body)).not.toMatch(/\bat .*\.(ts|js):\d+/); // no stack trace
  }

  it('refuses a body over 64 KiB with 413', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(70 * 1024), role: 'platform' });
    const res = await t.admin.post('/v1/api-keys', undefined, { raw: big, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(413);
    expectErrorBody(res.body, 413, 'payload_too_large');
  });

  it.each([
    ['text/plain', 'name=x'],
    ['application/x-www-form-urlencoded', 'name=x&role=platform'],
    ['multipart/form-data; boundary=x', '--x--'],
    ['application/xml', '<a/>'],
  ])('refuses %s with 415', async (contentType, raw) => {
    const res = await t.admin.post('/v1/api-keys', undefined, { raw, headers: { 'content-type': contentType } });
    expect(res.status).toBe(415);
    expectErrorBody(res.body, 415, 'unsupported_media_type');
    expect(res.body.message).toBe('request body must be application/json');
  });

  it.each([
    ['{"name": "x",', 'truncated JSON'],
    ['', 'an empty body'],
    ['{"__proto__": {"admin": true}, "name": "x", "role": "platform"}', 'a __proto__ key'],
    ['{"constructor": {"prototype": {"admin": true}}, "name": "x", "role": "platform"}', 'a constructor.prototype key'],
  ])('answers 400 invalid_json for %j (%s)', async (raw) => {
    const res = await t.admin.post('/v1/api-keys', undefined, { raw, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expectErrorBody(res.body, 400, 'invalid_json');
    expect(({} as any).admin).toBeUndefined();
  });

  it('rejects unknown fields and lists every field error', async () => {
    const res = await t.admin.post('/v1/api-keys', { name: '', role: 'root', isAdmin: true });
    expect(res.status).toBe(400);
    expectErrorBody(res.body, 400, 'validation_failed');
    const fields = new Set(res.body.errors.map((e: { field: string }) => e.field));
    expect([...fields].sort()).toEqual(['isAdmin', 'name', 'role']);
  });

  it('rejects a JSON body that is not an object', async () => {
    for (const raw of ['[]', '"x"', '42', 'null']) {
      const res = await t.admin.post('/v1/api-keys', undefined, { raw, headers: { 'content-type': 'application/json' } });
      expect(res.status).toBe(400);
      expect(res.body.statusCode).toBe(400);
    }
  });

  it('validates query parameters strictly', async () => {
    for (const query of ['limit=0', 'limit=101', 'limit=abc', 'limit=1.5', 'surprise=1']) {
      const res = await t.admin.get(`/v1/api-keys?${query}`);
      expect(res.status).toBe(400);
      expectErrorBody(res.body, 400, 'validation_failed');
    }
  });

  it('refuses a cursor it did not issue with 400 invalid_cursor', async () => {
    const forged = [
      'garbage!',
      Buffer.from('{"createdAt":"x","id":"y"}').toString('base64url'),
      Buffer.from('{"createdAt":"2026-01-01T00:00:00Z","id":"1; DROP TABLE api_keys"}').toString('base64url'),
      Buffer.from('[1,2]').toString('base64url'),
    ];
    for (const cursor of forged) {
      const res = await t.admin.get(`/v1/api-keys?cursor=${encodeURIComponent(cursor)}`);
      expect(res.status).toBe(400);
      expectErrorBody(res.body, 400, 'invalid_cursor');
    }
  });

  it('paginates with limit and an opaque cursor', async () => {
    for (let i = 0; i < 3; i++) expect((await t.admin.post('/v1/api-keys', { name: `page-${i}`, role: 'analyst' })).status).toBe(201);
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: any = await t.admin.get(`/v1/api-keys?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      for (const item of res.body.items) {
        expect(seen.has(item.id)).toBe(false);
        seen.add(item.id);
      }
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(seen.size).toBeGreaterThanOrEqual(4); // three created + the bootstrap admin
    expect(pages).toBeGreaterThanOrEqual(2);
  });

  it('answers an unknown route with the error body', async () => {
    const res = await t.admin.get('/v1/nothing-here');
    expect(res.status).toBe(404);
    expectErrorBody(res.body, 404, 'not_found');
  });

  it('gives every response a request id, keeping a sane client one', async () => {
    const mine = await t.admin.get('/v1/api-keys', { headers: { 'x-request-id': 'trace-abc.123' } });
    expect(mine.headers.get('x-request-id')).toBe('trace-abc.123');
    const hostile = await t.anonymous.get('/v1/api-keys', { headers: { 'x-request-id': 'has spaces <script>' } });
    expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(hostile.body.requestId).toBe(hostile.headers.get('x-request-id'));
  });
});
