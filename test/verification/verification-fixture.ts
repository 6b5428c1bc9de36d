import { verifyWebhook } from '@phonetrust/platform';
import { FakeHttpServer, RecordedRequest } from '../support/fake-http-server';
import { HttpClient } from '../support/http-client';
import { startTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

export const SMS_SECRET = 'sms-webhook-secret-for-tests';
export const OTP_SECRET = 'otp-secret-for-tests-0123456789abcdef';

/** Settings that keep tests fast: quick dispatch and retries; limits generous unless a test narrows them. */
export const VERIFY_ENV: Record<string, string> = {
  OTP_SECRET,
  SMS_PROVIDER: 'webhook',
  SMS_WEBHOOK_SECRET: SMS_SECRET,
  SMS_RETRY_BASE_MS: '20',
  SMS_SEND_TIMEOUT_MS: '1000',
  OUTBOX_POLL_INTERVAL_MS: '50',
  VERIFY_LIMIT_NUMBER_SENDS_PER_HOUR: '1000',
  VERIFY_LIMIT_MERCHANT_PER_HOUR: '1000',
  VERIFY_LIMIT_IP_PER_HOUR: '1000',
  VERIFY_LIMIT_PREFIX_PER_HOUR: '1000',
  SMS_HOURLY_BUDGET: '100000',
};

export interface SmsWebhookBody {
  messageId: string;
  verificationId: string;
  to: string;
  channel: string;
  locale: string;
  code: string;
  body: string;
}

/** The app with the webhook SMS provider pointed at a local receiver that checks every signature. */
export class VerificationFixture {
  readonly sms = new FakeHttpServer();
  t!: TestApp;
  platform!: HttpClient;
  analyst!: HttpClient;

  async start(env: Record<string, string> = {}): Promise<this> {
    await this.sms.start();
    this.t = await startTestApp({ ...VERIFY_ENV, SMS_WEBHOOK_URL: `${this.sms.url}/sms`, ...env });
    this.platform = await this.t.clientFor('platform');
    this.analyst = await this.t.clientFor('analyst');
    return this;
  }

  async stop(): Promise<void> {
    await this.t?.dispose();
    await this.sms.stop();
  }

  /** Successful sends the receiver got (2xx answered), with their signatures checked. */
  delivered(verificationId?: string): SmsWebhookBody[] {
    return this.sms.requests
      .filter((r) => r.status !== null && r.status >= 200 && r.status < 300)
      .filter((r) => verifyWebhook(SMS_SECRET, r.body, r.headers['x-phonetrust-signature'] as string, Math.floor(r.at / 1000)))
      .map((r) => JSON.parse(r.body) as SmsWebhookBody)
      .filter((b) => verificationId === undefined || b.verificationId === verificationId);
  }

  requestsFor(verificationId: string): RecordedRequest[] {
    return this.sms.requests.filter((r) => (JSON.parse(r.body) as SmsWebhookBody).verificationId === verificationId);
  }

  /** Waits for the n-th message of a verification and returns its code. */
  async codeFor(verificationId: string, nth = 1): Promise<string> {
    await waitFor(() => this.delivered(verificationId).length >= nth, 15000, `SMS #${nth} of ${verificationId}`);
    return this.delivered(verificationId)[nth - 1].code;
  }

  async startVerification(body: Record<string, unknown>, headers: Record<string, string> = {}) {
    return this.platform.post('/v1/verifications', body, { headers });
  }

  /** Starts and approves: the number becomes the merchant's. */
  async verify(merchantId: string, phoneNumber: string): Promise<string> {
    const started = await this.startVerification({ merchantId, phoneNumber });
    if (started.status !== 201) throw new Error(`start failed: ${started.status} ${started.text}`);
    const code = await this.codeFor(started.body.id);
    const checked = await this.platform.post(`/v1/verifications/${started.body.id}/check`, { code });
    if (!checked.body.valid) throw new Error(`check failed: ${checked.text}`);
    return started.body.id;
  }
}

/** A different valid Chinese mobile number per call, so tests never share a number's limits or state. */
let serial = Math.floor(Math.random() * 9000);
export function freshMobile(): string {
  serial = (serial + 1) % 10000;
  const middle = String(Math.floor(Math.random() * 10000)).padStart(4, '0');
  return `+86139${middle}${String(serial).padStart(4, '0')}`;
}

export function wrongCodeFor(code: string): string {
  return code === '000000' ? '111111' : '000000';
}
