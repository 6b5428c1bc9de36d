import { HttpClient } from '../../support/http-client';
import { ApiProcess, killAllApis, spawnApi } from '../../support/spawn-api';
import { ADMIN_KEY } from '../../support/test-app';

export const OTP_SECRET = 'reliability-otp-secret-0123456789abcdef';
export const REPORTER_SECRET = 'reliability-reporter-secret-0123456789ab';

/** Settings for the battery: its secrets, quick dispatch, generous limits unless a test narrows them. */
export const CLUSTER_ENV: Record<string, string> = {
  ADMIN_API_KEY: ADMIN_KEY,
  OTP_SECRET,
  REPORTER_ID_SECRET: REPORTER_SECRET,
  LOG_REQUESTS: 'none',
  OUTBOX_POLL_INTERVAL_MS: '100',
  SMS_RETRY_BASE_MS: '50',
  // Tests that send SMS point SMS_PROVIDER=webhook at their own receiver; the others print to the log.
  SMS_PROVIDER: 'console',
  SMS_WEBHOOK_SECRET: 'reliability-sms-secret',
  VERIFY_LIMIT_NUMBER_SENDS_PER_HOUR: '100000',
  VERIFY_LIMIT_MERCHANT_PER_HOUR: '100000',
  VERIFY_LIMIT_IP_PER_HOUR: '100000',
  VERIFY_LIMIT_PREFIX_PER_HOUR: '100000',
  SMS_HOURLY_BUDGET: '1000000',
  REPORT_LIMIT_REPORTER_PER_MINUTE: '100000',
  REPORT_LIMIT_REPORTER_PER_DAY: '100000',
  REPORT_LIMIT_IP_PER_HOUR: '100000',
};

/** Several real API processes on one database. */
export class ApiCluster {
  readonly processes: ApiProcess[] = [];
  urls: string[] = [];
  admin!: HttpClient;

  static async start(count: number, env: Record<string, string>): Promise<ApiCluster> {
    const cluster = new ApiCluster();
    for (let i = 0; i < count; i++) cluster.processes.push(spawnApi({ ...CLUSTER_ENV, ...env }));
    cluster.urls = await Promise.all(cluster.processes.map((p) => p.ready));
    cluster.admin = new HttpClient(cluster.urls[0], ADMIN_KEY);
    return cluster;
  }

  async key(role: 'admin' | 'platform' | 'analyst'): Promise<string> {
    const created = await this.admin.post('/v1/api-keys', { name: `${role}-reliability`, role });
    if (created.status !== 201) throw new Error(`key: ${created.status} ${created.text}`);
    return created.body.key;
  }

  client(key: string, index = 0): HttpClient {
    return new HttpClient(this.urls[index], key);
  }

  logs(): string {
    return this.processes.map((p) => p.output()).join('\n');
  }

  async stop(): Promise<void> {
    for (const p of this.processes) p.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(this.processes.map((p) => p.exited)), new Promise((r) => (timer = setTimeout(r, 15000)))]);
    clearTimeout(timer);
    killAllApis();
  }
}
