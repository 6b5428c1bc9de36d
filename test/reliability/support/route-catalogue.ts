/**
 * Every route of the API, with who may call it and a request that reaches its handler. The hostile-input
 * battery walks this table, and fails when the OpenAPI document (generated from the controllers) lists a route
 * that is not here: a new route must declare its roles and be fuzzed.
 */
export type Role = 'admin' | 'platform' | 'analyst';

export interface Fixtures {
  phone: string;
  verificationId: string;
  reportId: string;
  keyId: string;
  /** An open case (the fixture number, sent to review by an attested threat). */
  caseId: string;
}

export interface RouteSpec {
  /** 'public', or the roles allowed besides admin (admin may call everything). */
  access: 'public' | Role[];
  /** A request that passes validation (for the role matrix and as the base of injected variants). */
  sample(f: Fixtures): { path: string; body?: Record<string, unknown>; query?: Record<string, string> };
  /** Path parameters and how to put a value in them: the fuzz and the id probes use these. */
  pathParams?: Record<string, (f: Fixtures, value: string) => string>;
}

const enc = encodeURIComponent;
const report = (f: Fixtures) => ({
  phoneNumber: f.phone,
  reporterId: 'catalogue-reporter',
  category: 'spam',
  description: 'called at night',
  channel: 'call',
  evidence: { interactionId: 'interaction-1', attested: false },
  reporterContext: { accountAgeDays: 30, verifiedBuyer: true },
  clientIp: '203.0.113.5',
});

export const ROUTES: Record<string, RouteSpec> = {
  'GET /health/live': { access: 'public', sample: () => ({ path: '/health/live' }) },
  'GET /health/ready': { access: 'public', sample: () => ({ path: '/health/ready' }) },
  'POST /v1/api-keys': { access: [], sample: () => ({ path: '/v1/api-keys', body: { name: 'fuzz', role: 'analyst' } }) },
  'GET /v1/api-keys': { access: [], sample: () => ({ path: '/v1/api-keys', query: { limit: '5' } }) },
  'DELETE /v1/api-keys/{id}': {
    access: [],
    sample: () => ({ path: '/v1/api-keys/00000000-0000-0000-0000-000000000000' }),
    pathParams: { id: (_f, v) => `/v1/api-keys/${enc(v)}` },
  },
  'GET /v1/audit': { access: ['analyst'], sample: (f) => ({ path: '/v1/audit', query: { phoneNumber: f.phone, actor: 'system', limit: '5' } }) },
  'POST /v1/verifications': {
    access: ['platform'],
    sample: (f) => ({ path: '/v1/verifications', body: { merchantId: 'fuzz-merchant', phoneNumber: f.phone, country: 'CN', channel: 'sms', locale: 'en', clientIp: '203.0.113.9' } }),
  },
  'POST /v1/verifications/{id}/check': {
    access: ['platform'],
    sample: (f) => ({ path: `/v1/verifications/${f.verificationId}/check`, body: { code: '000000' } }),
    pathParams: { id: (_f, v) => `/v1/verifications/${enc(v)}/check` },
  },
  'POST /v1/verifications/{id}/resend': {
    access: ['platform'],
    sample: (f) => ({ path: `/v1/verifications/${f.verificationId}/resend`, body: { channel: 'sms' } }),
    pathParams: { id: (_f, v) => `/v1/verifications/${enc(v)}/resend` },
  },
  'POST /v1/verifications/{id}/cancel': {
    access: ['platform'],
    sample: () => ({ path: '/v1/verifications/00000000-0000-0000-0000-000000000000/cancel' }),
    pathParams: { id: (_f, v) => `/v1/verifications/${enc(v)}/cancel` },
  },
  'GET /v1/verifications/{id}': {
    access: ['platform'],
    sample: (f) => ({ path: `/v1/verifications/${f.verificationId}` }),
    pathParams: { id: (_f, v) => `/v1/verifications/${enc(v)}` },
  },
  'GET /v1/merchants/{merchantId}/phones': {
    access: ['platform'],
    sample: () => ({ path: '/v1/merchants/fuzz-merchant/phones', query: { limit: '5' } }),
    pathParams: { merchantId: (_f, v) => `/v1/merchants/${enc(v)}/phones` },
  },
  'DELETE /v1/merchants/{merchantId}/phones/{phoneNumber}': {
    access: ['platform'],
    sample: (f) => ({ path: `/v1/merchants/nobody/phones/${enc(f.phone)}` }),
    pathParams: {
      merchantId: (f, v) => `/v1/merchants/${enc(v)}/phones/${enc(f.phone)}`,
      phoneNumber: (_f, v) => `/v1/merchants/nobody/phones/${enc(v)}`,
    },
  },
  'GET /v1/numbers/{phoneNumber}/display': {
    access: ['platform'],
    sample: (f) => ({ path: `/v1/numbers/${enc(f.phone)}/display` }),
    pathParams: { phoneNumber: (_f, v) => `/v1/numbers/${enc(v)}/display` },
  },
  'POST /v1/numbers/display': { access: ['platform'], sample: (f) => ({ path: '/v1/numbers/display', body: { phoneNumbers: [f.phone], country: 'CN' } }) },
  'POST /v1/reports': { access: ['platform'], sample: (f) => ({ path: '/v1/reports', body: report(f) }) },
  'GET /v1/reports/{id}': {
    access: ['analyst'],
    sample: (f) => ({ path: `/v1/reports/${f.reportId}` }),
    pathParams: { id: (_f, v) => `/v1/reports/${enc(v)}` },
  },
  'POST /v1/reports/{id}/verdict': {
    access: ['analyst'],
    sample: () => ({ path: '/v1/reports/00000000-0000-0000-0000-000000000000/verdict', body: { verdict: 'upheld', note: 'checked' } }),
    pathParams: { id: (_f, v) => `/v1/reports/${enc(v)}/verdict` },
  },
  'GET /v1/numbers/{phoneNumber}': {
    access: ['analyst'],
    sample: (f) => ({ path: `/v1/numbers/${enc(f.phone)}` }),
    pathParams: { phoneNumber: (_f, v) => `/v1/numbers/${enc(v)}` },
  },
  'GET /v1/numbers/{phoneNumber}/score': {
    access: ['analyst'],
    sample: (f) => ({ path: `/v1/numbers/${enc(f.phone)}/score` }),
    pathParams: { phoneNumber: (_f, v) => `/v1/numbers/${enc(v)}/score` },
  },
  'GET /v1/numbers/{phoneNumber}/reports': {
    access: ['analyst'],
    sample: (f) => ({ path: `/v1/numbers/${enc(f.phone)}/reports`, query: { limit: '5' } }),
    pathParams: { phoneNumber: (_f, v) => `/v1/numbers/${enc(v)}/reports` },
  },
  'POST /v1/numbers/{phoneNumber}/suspend': {
    access: ['analyst'],
    sample: () => ({ path: `/v1/numbers/${enc('+8613900000001')}/suspend`, body: { reason: 'fuzz' } }),
    pathParams: { phoneNumber: (_f, v) => `/v1/numbers/${enc(v)}/suspend` },
  },
  'POST /v1/numbers/{phoneNumber}/restrict': {
    access: ['analyst'],
    sample: () => ({ path: `/v1/numbers/${enc('+8613900000002')}/restrict`, body: { reason: 'fuzz' } }),
    pathParams: { phoneNumber: (_f, v) => `/v1/numbers/${enc(v)}/restrict` },
  },
  'GET /v1/numbers/{phoneNumber}/score/history': {
    access: ['analyst'],
    sample: (f) => ({ path: `/v1/numbers/${enc(f.phone)}/score/history` }),
    pathParams: { phoneNumber: (_f, v) => `/v1/numbers/${enc(v)}/score/history` },
  },
  'POST /v1/merchants/{merchantId}/phones/{phoneNumber}/appeal': {
    access: ['platform'],
    sample: (f) => ({ path: `/v1/merchants/fixture/phones/${enc(f.phone)}/appeal`, body: { statement: 'This is our shop line.' } }),
    pathParams: {
      merchantId: (f, v) => `/v1/merchants/${enc(v)}/phones/${enc(f.phone)}/appeal`,
      phoneNumber: (_f, v) => `/v1/merchants/fixture/phones/${enc(v)}/appeal`,
    },
  },
  'GET /v1/cases': { access: ['analyst'], sample: () => ({ path: '/v1/cases', query: { status: 'open', sort: 'priority', limit: '5' } }) },
  'GET /v1/cases/{id}': {
    access: ['analyst'],
    sample: (f) => ({ path: `/v1/cases/${f.caseId}` }),
    pathParams: { id: (_f, v) => `/v1/cases/${enc(v)}` },
  },
  'POST /v1/cases/{id}/assign': {
    access: ['analyst'],
    sample: (f) => ({ path: `/v1/cases/${f.caseId}/assign`, body: { assignee: 'analyst-1' } }),
    pathParams: { id: (_f, v) => `/v1/cases/${enc(v)}/assign` },
  },
  'POST /v1/cases/{id}/resolve': {
    access: ['analyst'],
    sample: () => ({ path: '/v1/cases/00000000-0000-0000-0000-000000000000/resolve', body: { decision: 'dismiss', note: 'checked' } }),
    pathParams: { id: (_f, v) => `/v1/cases/${enc(v)}/resolve` },
  },
  'POST /v1/numbers/{phoneNumber}/reinstate': {
    access: ['analyst'],
    sample: () => ({ path: `/v1/numbers/${enc('+8613900000003')}/reinstate`, body: { reason: 'fuzz' } }),
    pathParams: { phoneNumber: (_f, v) => `/v1/numbers/${enc(v)}/reinstate` },
  },
};

/** Routes the OpenAPI document leaves out on purpose (not JSON API routes), with their access. */
export const UNDOCUMENTED: Record<string, RouteSpec> = {
  'GET /metrics': { access: 'public', sample: () => ({ path: '/metrics' }) },
  'GET /console': { access: 'public', sample: () => ({ path: '/console' }) },
  'GET /console/assets/{file}': { access: 'public', sample: () => ({ path: '/console/assets/console.js' }) },
};

export function methodOf(route: string): 'GET' | 'POST' | 'DELETE' {
  return route.split(' ')[0] as 'GET' | 'POST' | 'DELETE';
}
