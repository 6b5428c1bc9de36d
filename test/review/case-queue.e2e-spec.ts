import { HttpClient } from '../support/http-client';
import { newPhoneNumber } from '../support/report-factory';
import { startTestApp, TestApp } from '../support/test-app';
import { openCaseOf, reportStrongly } from './review-fixture';

/** Each test file has a database of its own: these are the only cases in it. */
describe('GET /v1/cases: the queue, sorted and paginated', () => {
  let t: TestApp;
  let platform: HttpClient;
  let analyst: HttpClient;
  const ids: Record<'a' | 'b' | 'c' | 'd' | 'e', string> = {} as never;

  beforeAll(async () => {
    t = await startTestApp({ SCORE_SCHEDULER_ENABLED: 'false' });
    platform = await t.clientFor('platform');
    analyst = await t.clientFor('analyst');
    // Opened in this order: a (review, 1), b (restricted, 2), c (suspended by an analyst, 3), d (review, 1), e (restricted, 2; resolved).
    const a = newPhoneNumber();
    await reportStrongly(platform, a, 2);
    ids.a = await openCaseOf(analyst, a);
    const b = newPhoneNumber();
    await reportStrongly(platform, b, 4);
    ids.b = await openCaseOf(analyst, b);
    const c = newPhoneNumber();
    await analyst.post(`/v1/numbers/${encodeURIComponent(c)}/suspend`, { reason: 'court order' });
    ids.c = await openCaseOf(analyst, c);
    const d = newPhoneNumber();
    await reportStrongly(platform, d, 2);
    ids.d = await openCaseOf(analyst, d);
    const e = newPhoneNumber();
    await reportStrongly(platform, e, 4);
    ids.e = await openCaseOf(analyst, e);
    const resolved = await analyst.post(`/v1/cases/${ids.e}/resolve`, { decision: 'restrict', note: 'confirmed' });
    if (resolved.status !== 200) throw new Error(resolved.text);
  });
  afterAll(() => t.dispose());

  const list = (query: string) => analyst.get(`/v1/cases${query}`);
  const idsOf = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);

  /** Follows nextCursor to the end, `limit` at a time. */
  async function walk(query: string, limit: number): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 20; pages++) {
      const res = await list(`${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(limit);
      seen.push(...idsOf(res.body));
      cursor = res.body.nextCursor;
      if (!cursor) return seen;
    }
    throw new Error('too many pages');
  }

  it('lists open cases by priority (highest first), then the longest waiting', async () => {
    const res = await list('');
    expect(res.status).toBe(200);
    expect(idsOf(res.body)).toEqual([ids.c, ids.b, ids.a, ids.d]);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items[0]).toEqual({
      id: ids.c,
      phoneNumber: expect.stringMatching(/^\+86138/),
      maskedNumber: expect.stringContaining('****'),
      status: 'open',
      priority: 3,
      reason: 'analyst_decision',
      state: 'suspended',
      assignee: null,
      appealed: false,
      openedAt: expect.any(String),
      updatedAt: expect.any(String),
      resolvedAt: null,
      decision: null,
    });
    expect(idsOf((await list('?status=open&sort=priority')).body)).toEqual([ids.c, ids.b, ids.a, ids.d]);
  });

  it('lists the longest waiting first with sort=oldest, the latest first with sort=newest, and resolved cases with status=resolved', async () => {
    expect(idsOf((await list('?sort=oldest')).body)).toEqual([ids.a, ids.b, ids.c, ids.d]);
    expect(idsOf((await list('?sort=newest')).body)).toEqual([ids.d, ids.c, ids.b, ids.a]);
    const resolved = await list('?status=resolved');
    expect(resolved.body.items).toEqual([expect.objectContaining({ id: ids.e, status: 'resolved', decision: 'restrict', state: 'restricted', resolvedAt: expect.any(String) })]);
  });

  it('pages through either order with nextCursor, without gaps or repeats', async () => {
    for (const limit of [1, 2, 3]) {
      expect(await walk('?sort=priority', limit)).toEqual([ids.c, ids.b, ids.a, ids.d]);
      expect(await walk('?sort=oldest', limit)).toEqual([ids.a, ids.b, ids.c, ids.d]);
      expect(await walk('?sort=newest', limit)).toEqual([ids.d, ids.c, ids.b, ids.a]);
    }
  });

  it('refuses any sort, status or limit outside the allow-list with 400, never reaching SQL', async () => {
    for (const query of [
      '?sort=opened_at',
      '?sort=priority%20DESC;DROP%20TABLE%20cases',
      '?sort=PRIORITY',
      '?sort=',
      '?sort=priority&sort=oldest',
      '?status=all',
      "?status=open'--",
      '?limit=0',
      '?limit=101',
      '?limit=ten',
      '?order=asc',
    ]) {
      const res = await list(query);
      expect([query, res.status, res.body.code]).toEqual([query, 400, 'validation_failed']);
    }
    expect((await list('')).body.items).toHaveLength(4);
  });

  it('documents the review routes and their DTOs in OpenAPI, and leaves the console page out', async () => {
    const doc = (await t.anonymous.get('/docs-json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/cases',
        '/v1/cases/{id}',
        '/v1/cases/{id}/assign',
        '/v1/cases/{id}/resolve',
        '/v1/merchants/{merchantId}/phones/{phoneNumber}/appeal',
        '/v1/numbers/{phoneNumber}/score/history',
      ]),
    );
    expect(Object.keys(doc.paths).filter((path) => path.startsWith('/console'))).toEqual([]);
    expect(doc.components.schemas.ResolveCaseDto.properties.decision.enum).toEqual(['suspend', 'restrict', 'reinstate', 'dismiss']);
    expect(doc.components.schemas.ResolveCaseDto.required).toEqual(expect.arrayContaining(['decision', 'note']));
    expect(doc.components.schemas.CaseDetailDto.properties.history).toBeDefined();
    const list = doc.paths['/v1/cases'].get.parameters.find((p: { name: string }) => p.name === 'sort');
    expect(list.schema.enum).toEqual(['priority', 'oldest', 'newest']);
  });

  it('refuses cursors it did not issue for that sort with 400 invalid_cursor', async () => {
    const page = await list('?sort=oldest&limit=1');
    const oldestCursor = page.body.nextCursor as string;
    const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const cursor of [
      'not-a-cursor!',
      'x'.repeat(600),
      forge({ s: 'priority', p: "1; DROP TABLE cases", at: '2026-01-01T00:00:00Z', id: ids.a }),
      forge({ s: 'priority', p: 1.5, at: '2026-01-01T00:00:00Z', id: ids.a }),
      forge({ s: 'priority', p: 1, at: "2026-01-01' OR 1=1", id: ids.a }),
      forge({ s: 'priority', p: 1, at: '2026-01-01T00:00:00Z', id: 'x' }),
      forge([1, 2]),
      forge('string'),
      oldestCursor, // issued for sort=oldest
    ]) {
      const res = await list(`?sort=priority&cursor=${encodeURIComponent(cursor)}`);
      expect([cursor, res.status, res.body.code]).toEqual([cursor, 400, expect.stringMatching(/^(invalid_cursor|validation_failed)$/)]);
    }
    const res = await list(`?sort=oldest&cursor=${oldestCursor}`);
    expect(idsOf(res.body)).toEqual([ids.b, ids.c, ids.d]);
    expect((await list(`?sort=newest&cursor=${oldestCursor}`)).body.code).toBe('invalid_cursor');
  });
});
