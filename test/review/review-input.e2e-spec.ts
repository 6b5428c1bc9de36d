import { HttpClient } from '../support/http-client';
import { newPhoneNumber } from '../support/report-factory';
import { ReviewProbe } from '../support/review-probe';
import { startTestApp, TestApp } from '../support/test-app';
import { openCaseOf, reportStrongly } from './review-fixture';

function expectErrorBody(res: { status: number; body: any }, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(res.body).toMatchObject({ statusCode: status, code, message: expect.any(String), requestId: expect.any(String) });
}

const BAD_IDS = ['', 'undefined', 'null', 'not-a-uuid', "1' OR '1'='1", '00000000-0000-0000-0000-00000000000g', '%00'];
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('malformed input to the review routes: 4xx with the SPEC §2 body, never 5xx', () => {
  let t: TestApp;
  let analyst: HttpClient;
  let platform: HttpClient;
  let probe: ReviewProbe;
  let caseId: string;
  let phone: string;

  beforeAll(async () => {
    t = await startTestApp({ SCORE_SCHEDULER_ENABLED: 'false' });
    platform = await t.clientFor('platform');
    analyst = await t.clientFor('analyst');
    probe = new ReviewProbe(t.dataSource);
    phone = newPhoneNumber();
    await reportStrongly(platform, phone, 2);
    caseId = await openCaseOf(analyst, phone);
  });
  afterAll(() => t.dispose());

  it.each(BAD_IDS)('answers case id %j with a 4xx on every case route', async (id) => {
    const path = `/v1/cases/${id === '%00' ? id : encodeURIComponent(id)}`;
    for (const res of [
      // GET /v1/cases/ with an empty id is the list itself.
      ...(id === '' ? [] : [await analyst.get(path)]),
      await analyst.post(`${path}/assign`, { assignee: 'x' }),
      await analyst.post(`${path}/resolve`, { decision: 'dismiss', note: 'x' }),
    ]) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body.statusCode).toBe(res.status);
    }
    if (id !== '') expectErrorBody(await analyst.get(path), 404, 'not_found');
    expect((await probe.cases(phone))[0]).toMatchObject({ status: 'open', decision: null });
  });

  it('answers an unknown case id with 404', async () => {
    expectErrorBody(await analyst.get(`/v1/cases/${UNKNOWN_ID}`), 404, 'not_found');
    expectErrorBody(await analyst.post(`/v1/cases/${UNKNOWN_ID}/assign`, { assignee: 'x' }), 404, 'not_found');
    expectErrorBody(await analyst.post(`/v1/cases/${UNKNOWN_ID}/resolve`, { decision: 'dismiss', note: 'x' }), 404, 'not_found');
  });

  it.each<[string, unknown]>([
    ['no decision', { note: 'x' }],
    ['an unknown decision', { decision: 'ban', note: 'x' }],
    ['a decision in the wrong case', { decision: 'REINSTATE', note: 'x' }],
    ['a decision that is an array', { decision: ['dismiss'], note: 'x' }],
    ['no note', { decision: 'dismiss' }],
    ['an empty note', { decision: 'dismiss', note: '' }],
    ['a blank note', { decision: 'dismiss', note: ' \n\t ' }],
    ['a numeric note', { decision: 'dismiss', note: 7 }],
    ['a null note', { decision: 'dismiss', note: null }],
    ['a note over 2000 characters', { decision: 'dismiss', note: 'n'.repeat(2001) }],
    ['a note with NUL', { decision: 'dismiss', note: 'a\u0000b' }],
    ['reportVerdicts as an array', { decision: 'dismiss', note: 'x', reportVerdicts: [] }],
    ['reportVerdicts as a string', { decision: 'dismiss', note: 'x', reportVerdicts: 'rejected' }],
    ['a report id that is not a uuid', { decision: 'dismiss', note: 'x', reportVerdicts: { 'not-a-uuid': 'upheld' } }],
    ['an empty report id', { decision: 'dismiss', note: 'x', reportVerdicts: { '': 'upheld' } }],
    ['an unknown verdict', { decision: 'dismiss', note: 'x', reportVerdicts: { [UNKNOWN_ID]: 'guilty' } }],
    ['one report named twice', { decision: 'dismiss', note: 'x', reportVerdicts: { 'abcdef00-0000-4000-8000-00000000000a': 'upheld', 'ABCDEF00-0000-4000-8000-00000000000A': 'rejected' } }],
    ['a verdict that is an object', { decision: 'dismiss', note: 'x', reportVerdicts: { [UNKNOWN_ID]: { verdict: 'upheld' } } }],
    ['over 100 verdicts', { decision: 'dismiss', note: 'x', reportVerdicts: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, 'upheld'])) }],
    ['an unknown field', { decision: 'dismiss', note: 'x', priority: 9 }],
  ])('refuses a resolution with %s (400), leaving the case open', async (_name, body) => {
    expectErrorBody(await analyst.post(`/v1/cases/${caseId}/resolve`, body), 400, 'validation_failed');
    expect((await probe.cases(phone))[0].status).toBe('open');
  });

  it.each<[string, unknown]>([
    ['no assignee', {}],
    ['an empty assignee', { assignee: '' }],
    ['a blank assignee', { assignee: '   ' }],
    ['a numeric assignee', { assignee: 3 }],
    ['an assignee over 128 characters', { assignee: 'a'.repeat(129) }],
    ['an assignee with a newline', { assignee: 'ann\nbob' }],
    ['an unknown field', { assignee: 'ann', note: 'x' }],
  ])('refuses an assignment with %s (400)', async (_name, body) => {
    expectErrorBody(await analyst.post(`/v1/cases/${caseId}/assign`, body), 400, 'validation_failed');
  });

  it('assigns and unassigns with null', async () => {
    expect((await analyst.post(`/v1/cases/${caseId}/assign`, { assignee: 'Ann Lee' })).body).toMatchObject({ assignee: 'Ann Lee' });
    expect((await analyst.post(`/v1/cases/${caseId}/assign`, { assignee: null })).body).toMatchObject({ assignee: null, assignedAt: null });
  });

  it('refuses non-object, non-JSON and oversized bodies', async () => {
    for (const raw of ['[]', '"dismiss"', '42', 'null', '{"decision": ', '{"__proto__": {"x": 1}, "decision": "dismiss", "note": "x"}']) {
      const res = await analyst.post(`/v1/cases/${caseId}/resolve`, undefined, { raw, headers: { 'content-type': 'application/json' } });
      expect([raw, res.status]).toEqual([raw, 400]);
    }
    expectErrorBody(await analyst.post(`/v1/cases/${caseId}/resolve`, undefined, { raw: 'decision=dismiss', headers: { 'content-type': 'text/plain' } }), 415, 'unsupported_media_type');
    expectErrorBody(await analyst.post(`/v1/cases/${caseId}/resolve`, { decision: 'dismiss', note: 'x'.repeat(70 * 1024) }), 413, 'payload_too_large');
    expect((await probe.cases(phone))[0].status).toBe('open');
  });

  it('answers a malformed number in the score history path with 400 invalid_phone_number', async () => {
    for (const value of ['13800138000', 'abc', 'undefined', 'null', '%2B1']) {
      expectErrorBody(await analyst.get(`/v1/numbers/${value}/score/history`), 400, 'invalid_phone_number');
    }
  });

  it('needs a key, and the analyst role', async () => {
    expectErrorBody(await t.anonymous.get('/v1/cases'), 401, 'unauthorized');
    expectErrorBody(await platform.get('/v1/cases'), 403, 'forbidden');
    expectErrorBody(await platform.get(`/v1/cases/${caseId}`), 403, 'forbidden');
    expectErrorBody(await platform.post(`/v1/cases/${caseId}/resolve`, { decision: 'dismiss', note: 'x' }), 403, 'forbidden');
    expect((await t.admin.get('/v1/cases')).status).toBe(200);
    expect((await probe.cases(phone))[0].status).toBe('open');
  });
});
