import { aliyunSignature } from '../../libs/verification/src/sms/providers/aliyun-signature';
import { FakeHttpServer, RecordedRequest } from '../support/fake-http-server';
import { waitFor } from '../support/wait-for';
import { freshMobile, VerificationFixture } from './verification-fixture';

const TWILIO = { TWILIO_ACCOUNT_SID: 'ACtest0001', TWILIO_AUTH_TOKEN: 'twilio-token', TWILIO_FROM: '+15005550006' };
const ALIYUN = {
  ALIYUN_ACCESS_KEY_ID: 'LTAI-test',
  ALIYUN_ACCESS_KEY_SECRET: 'aliyun-secret',
  ALIYUN_SMS_SIGN_NAME: 'PhoneTrust',
  ALIYUN_SMS_TEMPLATE_CODE: 'SMS_123456789',
};

/** A local Twilio that checks what the real one would: path, Basic auth, form fields, TwiML. */
function fakeTwilio(server: FakeHttpServer): FakeHttpServer {
  server.respond = (req) => {
    const auth = `Basic ${Buffer.from(`${TWILIO.TWILIO_ACCOUNT_SID}:${TWILIO.TWILIO_AUTH_TOKEN}`).toString('base64')}`;
    const form = new URLSearchParams(req.body);
    const path = /^\/2010-04-01\/Accounts\/ACtest0001\/(Messages|Calls)\.json$/.exec(req.url);
    const problems: string[] = [];
    if (req.method !== 'POST' || !path) problems.push(`bad path ${req.method} ${req.url}`);
    if (req.headers.authorization !== auth) problems.push('bad auth');
    if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) problems.push('not a form');
    if (!/^\+[0-9]+$/.test(form.get('To') ?? '')) problems.push('bad To');
    if (form.get('From') !== TWILIO.TWILIO_FROM) problems.push('bad From');
    if (path?.[1] === 'Messages' && !/[0-9]{6}/.test(form.get('Body') ?? '')) problems.push('no code in Body');
    if (path?.[1] === 'Calls' && !/^<Response><Say language="[a-zA-Z-]+">.*<\/Say>.*<\/Response>$/.test(form.get('Twiml') ?? '')) problems.push('bad Twiml');
    if (problems.length) return { kind: 'respond', status: 400, body: { code: 20001, message: problems.join('; ') } };
    return undefined;
  };
  server.fallback = { kind: 'respond', status: 201, body: { sid: 'SM00000000000000000000000000000001', status: 'queued' } };
  return server;
}

/** A local Alibaba Cloud SMS endpoint that recomputes the request signature. */
function fakeAliyun(server: FakeHttpServer): FakeHttpServer {
  server.respond = (req) => {
    const params = Object.fromEntries(new URLSearchParams(req.body));
    const { Signature, ...signed } = params;
    const problems: string[] = [];
    if (Signature !== aliyunSignature('POST', signed, ALIYUN.ALIYUN_ACCESS_KEY_SECRET)) problems.push('SignatureDoesNotMatch');
    if (params.Action !== 'SendSms' || params.Version !== '2017-05-25') problems.push('bad action');
    if (params.AccessKeyId !== ALIYUN.ALIYUN_ACCESS_KEY_ID || params.SignName !== ALIYUN.ALIYUN_SMS_SIGN_NAME) problems.push('bad key/sign');
    if (params.TemplateCode !== ALIYUN.ALIYUN_SMS_TEMPLATE_CODE) problems.push('bad template');
    if (!/^\{"code":"[0-9]{6}"\}$/.test(params.TemplateParam ?? '')) problems.push('bad TemplateParam');
    if (!/^1[0-9]{10}$/.test(params.PhoneNumbers ?? '')) problems.push('bad PhoneNumbers');
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(params.Timestamp ?? '')) problems.push('bad Timestamp');
    if (problems.length) return { kind: 'respond', status: 400, body: { Code: problems[0], Message: problems.join('; ') } };
    return undefined;
  };
  server.fallback = { kind: 'respond', status: 200, body: { Code: 'OK', Message: 'OK', BizId: '900619746936498440^0', RequestId: 'x' } };
  return server;
}

const formOf = (r: RecordedRequest) => new URLSearchParams(r.body);

describe('SMS providers', () => {
  it('sends SMS and voice calls through Twilio', async () => {
    const twilio = fakeTwilio(await new FakeHttpServer().start());
    const f = await new VerificationFixture().start({ SMS_PROVIDER: 'twilio', TWILIO_API_BASE_URL: twilio.url, ...TWILIO });
    try {
      const phone = freshMobile();
      const sms = await f.startVerification({ merchantId: 'tw', phoneNumber: phone, locale: 'en' });
      await waitFor(() => twilio.requests.length === 1);
      const message = formOf(twilio.requests[0]);
      expect(message.get('To')).toBe(phone);
      const code = /([0-9]{6})/.exec(message.get('Body')!)![1];
      expect((await f.platform.post(`/v1/verifications/${sms.body.id}/check`, { code })).body.valid).toBe(true);

      await f.startVerification({ merchantId: 'tw', phoneNumber: '+44 20 7946 0958', channel: 'voice', locale: 'fr' });
      await waitFor(() => twilio.requests.length === 2);
      expect(twilio.requests[1].url).toMatch(/\/Calls\.json$/);
      expect(formOf(twilio.requests[1]).get('Twiml')).toMatch(/^<Response><Say language="fr-FR">Votre code de vérification est \d, \d, \d, \d, \d, \d\./);
      await waitFor(async () => (await f.t.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE topic = 'sms' AND status = 'delivered'`))[0].n === 2);
    } finally {
      await f.stop();
      await twilio.stop();
    }
  });

  it('sends through Alibaba Cloud with a signed request and the code as template parameter', async () => {
    const aliyun = fakeAliyun(await new FakeHttpServer().start());
    const f = await new VerificationFixture().start({ SMS_PROVIDER: 'aliyun', ALIYUN_SMS_ENDPOINT: aliyun.url, ...ALIYUN });
    try {
      const phone = freshMobile();
      const started = await f.startVerification({ merchantId: 'ali', phoneNumber: phone, locale: 'zh-CN' });
      await waitFor(async () => (await f.t.dataSource.query(`SELECT status FROM outbox WHERE aggregate_id = $1`, [started.body.id]))[0].status === 'delivered');
      expect(aliyun.requests).toHaveLength(1);
      const params = Object.fromEntries(formOf(aliyun.requests[0]));
      expect(params.PhoneNumbers).toBe(phone.slice(3));
      const code = JSON.parse(params.TemplateParam).code;
      expect((await f.platform.post(`/v1/verifications/${started.body.id}/check`, { code })).body.valid).toBe(true);
      // Alibaba Cloud sends no voice messages: with it alone, a voice verification is refused before anything is queued.
      const voice = await f.startVerification({ merchantId: 'ali', phoneNumber: freshMobile(), channel: 'voice' });
      expect(voice.status).toBe(422);
      expect(voice.body).toMatchObject({ code: 'channel_not_available', channel: 'voice' });
    } finally {
      await f.stop();
      await aliyun.stop();
    }
  });

  it('retries a provider that answers 503 or resets, with the same message id and code, and sends once', async () => {
    const f = await new VerificationFixture().start({ SMS_TRIES_PER_PROVIDER: '5' });
    try {
      f.sms.queue({ kind: 'respond', status: 503 }, { kind: 'reset' }, { kind: 'respond', status: 502 });
      const started = await f.startVerification({ merchantId: 'flaky', phoneNumber: freshMobile() });
      expect(started.status).toBe(201);
      await f.codeFor(started.body.id);
      const attempts = f.requestsFor(started.body.id).map((r) => JSON.parse(r.body));
      expect(attempts).toHaveLength(4);
      expect(new Set(attempts.map((a) => a.messageId)).size).toBe(1);
      expect(new Set(attempts.map((a) => a.code)).size).toBe(1);
      // The dispatcher marks the message delivered after the provider's answer reaches it, a moment after the
      // provider saw the request.
      const outboxRow = async () =>
        (await f.t.dataSource.query(`SELECT status, attempts FROM outbox WHERE aggregate_id = $1`, [started.body.id]))[0] as { status: string; attempts: number };
      await waitFor(async () => (await outboxRow()).status !== 'pending', 5000, 'the outbox row to settle');
      expect(await outboxRow()).toEqual({ status: 'delivered', attempts: 4 });
    } finally {
      await f.stop();
    }
  });

  it('never makes the request wait for a hanging provider, and fails over to the next one', async () => {
    const twilio = fakeTwilio(await new FakeHttpServer().start());
    const f = await new VerificationFixture().start({
      SMS_PROVIDER: 'webhook,twilio',
      SMS_SEND_TIMEOUT_MS: '300',
      SMS_TRIES_PER_PROVIDER: '2',
      TWILIO_API_BASE_URL: twilio.url,
      ...TWILIO,
    });
    try {
      f.sms.fallback = { kind: 'hang', ms: 5000 };
      const started = await f.startVerification({ merchantId: 'hang', phoneNumber: freshMobile() });
      expect(started.status).toBe(201);
      // The answer came while the provider had not answered anything.
      expect(f.sms.requests.every((r) => Date.now() - r.at < 5000)).toBe(true);
      await waitFor(() => twilio.requests.length === 1, 15000, 'failover to twilio');
      expect(f.sms.requests.length).toBe(2);
      const code = /([0-9]{6})/.exec(formOf(twilio.requests[0]).get('Body')!)![1];
      expect((await f.platform.post(`/v1/verifications/${started.body.id}/check`, { code })).body.valid).toBe(true);
      const outboxRow = async () =>
        (await f.t.dataSource.query(`SELECT status, route FROM outbox WHERE aggregate_id = $1`, [started.body.id]))[0] as { status: string; route: number };
      await waitFor(async () => (await outboxRow()).status !== 'pending', 5000, 'the outbox row to settle');
      expect(await outboxRow()).toEqual({ status: 'delivered', route: 2 });
    } finally {
      await f.stop();
      await twilio.stop();
    }
  });

  it('hands over to the next provider when the first keeps failing', async () => {
    const twilio = fakeTwilio(await new FakeHttpServer().start());
    const f = await new VerificationFixture().start({ SMS_PROVIDER: 'webhook,twilio', SMS_TRIES_PER_PROVIDER: '3', TWILIO_API_BASE_URL: twilio.url, ...TWILIO });
    try {
      f.sms.fallback = { kind: 'respond', status: 500 };
      const started = await f.startVerification({ merchantId: 'failover', phoneNumber: freshMobile() });
      await waitFor(() => twilio.requests.length === 1);
      expect(f.requestsFor(started.body.id)).toHaveLength(3);
    } finally {
      await f.stop();
      await twilio.stop();
    }
  });

  it('keeps a message as a dead letter when every provider fails', async () => {
    const f = await new VerificationFixture().start({ SMS_TRIES_PER_PROVIDER: '2' });
    try {
      f.sms.fallback = { kind: 'respond', status: 500 };
      const started = await f.startVerification({ merchantId: 'dead', phoneNumber: freshMobile() });
      await waitFor(async () => (await f.t.dataSource.query(`SELECT status FROM outbox WHERE aggregate_id = $1`, [started.body.id]))[0].status === 'dead');
      const metrics = await f.t.anonymous.get('/metrics');
      expect(metrics.text).toMatch(/phonetrust_outbox_messages\{topic="sms",status="dead"\} 1/);
    } finally {
      await f.stop();
    }
  });

  it('never sends a code that expired while its message waited', async () => {
    const f = await new VerificationFixture().start({ OTP_TTL_SECONDS: '2', SMS_TRIES_PER_PROVIDER: '20', SMS_RETRY_BASE_MS: '200' });
    try {
      f.sms.fallback = { kind: 'respond', status: 503 };
      const started = await f.startVerification({ merchantId: 'expiring', phoneNumber: freshMobile() });
      const expiresAt = Date.parse(started.body.expiresAt);
      await waitFor(() => Date.now() > expiresAt + 300, 10000);
      f.sms.fallback = { kind: 'respond', status: 200 };
      await waitFor(async () => (await f.t.dataSource.query(`SELECT status FROM outbox WHERE aggregate_id = $1`, [started.body.id]))[0].status === 'discarded');
      const [row] = await f.t.dataSource.query(`SELECT last_error FROM outbox WHERE aggregate_id = $1`, [started.body.id]);
      expect(row.last_error).toMatch(/expired/);
      // Every attempt was made before the code expired, and none succeeded.
      expect(f.requestsFor(started.body.id).every((r) => r.at <= expiresAt + 250)).toBe(true);
      expect(f.delivered(started.body.id)).toHaveLength(0);
      const check = await f.platform.post(`/v1/verifications/${started.body.id}/check`, { code: '123456' });
      expect(check.status).toBe(410);
      expect(check.body.code).toBe('verification_expired');
      const [v] = await f.t.dataSource.query(`SELECT status, code_sealed FROM verifications WHERE id = $1`, [started.body.id]);
      expect(v).toEqual({ status: 'expired', code_sealed: null });
    } finally {
      await f.stop();
    }
  });
});
