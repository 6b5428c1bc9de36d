import { createHmac, hkdfSync, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { PathContext } from './paths';
import { Sink } from './sms-sink';

const VERIFIED = 10000;
const VERIFICATIONS_PER_SIDE = 100000;

/**
 * The raw baseline's report intake: the report row and the number's decayed score upserted in one round trip
 * (one statement, autocommit) — the floor any durable report intake has to pay.
 */
export const RAW_REPORT_SQL = `
  WITH r AS (
    INSERT INTO reports (phone_number, reporter_hash, category, assurance, trust, weight)
    VALUES ($1, encode(sha256(convert_to($2, 'UTF8')), 'hex'), $3, 0.3, 0.3, 1)
    RETURNING id)
  INSERT INTO numbers AS n (phone_number, mass_normal, mass_as_of, report_count)
  VALUES ($1, 1, clock_timestamp(), 1)
  ON CONFLICT (phone_number) DO UPDATE
    SET mass_normal = n.mass_normal * power(2, -extract(epoch FROM clock_timestamp() - n.mass_as_of) / 2592000) + 1,
        mass_as_of = clock_timestamp(), report_count = n.report_count + 1
  RETURNING (SELECT id FROM r) AS id`;

/** Bulk SQL: verified numbers, and pending verifications whose codes the bench knows are wrong. */
export async function seedDatabase(url: string, otpSecret: string, platformKey: string): Promise<PathContext> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    await db.query(
      `INSERT INTO phone_bindings (phone_number, merchant_id, verification_id, verified_at, expires_at)
       SELECT '+86135' || lpad(g::text, 8, '0'), 'merchant-' || (g % 1000), gen_random_uuid(), now(), now() + interval '365 days'
         FROM generate_series(1, $1) g`,
      [VERIFIED],
    );
    const hmacKey = Buffer.from(hkdfSync('sha256', otpSecret, 'phonetrust', 'otp-hmac-v1', 32));
    const ids: string[] = [];
    for (let batch = 0; batch < (2 * VERIFICATIONS_PER_SIDE) / 10000; batch++) {
      const batchIds = Array.from({ length: 10000 }, () => randomUUID());
      const hashes = batchIds.map((id) => createHmac('sha256', hmacKey).update(`${id}:123456`).digest('hex'));
      const phones = batchIds.map((_, i) => `+86136${String(batch * 10000 + i).padStart(8, '0')}`);
      await db.query(
        `INSERT INTO verifications (id, merchant_id, phone_number, number_type, channel, locale, code_hash, last_sent_at, expires_at)
         SELECT id, 'bench', phone, 'mobile', 'sms', 'en', hash, now(), now() + interval '1 day'
           FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(id, phone, hash)`,
        [batchIds, phones, hashes],
      );
      ids.push(...batchIds);
    }
    await db.query('ANALYZE');
    const reports = await db.query(`SELECT to_regclass('reports') IS NOT NULL AS present`);
    return {
      platformKey,
      verifiedNumbers: Array.from({ length: VERIFIED }, (_, i) => `+86135${String(i + 1).padStart(8, '0')}`),
      serviceVerifications: ids.slice(0, VERIFICATIONS_PER_SIDE),
      rawVerifications: ids.slice(VERIFICATIONS_PER_SIDE),
      rawReportSql: reports.rows[0].present ? RAW_REPORT_SQL : null,
      reportsAvailable: reports.rows[0].present,
    };
  } finally {
    await db.end();
  }
}

/** The embedded database cannot be reached from outside the service: seed through its API. */
export async function seedThroughApi(serviceUrl: string, platformKey: string, sink: Sink): Promise<PathContext> {
  const headers = { authorization: `Bearer ${platformKey}`, 'content-type': 'application/json' };
  const verified: string[] = [];
  const pending: string[] = [];
  for (let i = 0; i < 500; i++) {
    const phone = `+86135${String(i + 1).padStart(8, '0')}`;
    const started = (await fetch(`${serviceUrl}/v1/verifications`, { method: 'POST', headers, body: JSON.stringify({ merchantId: `m${i}`, phoneNumber: phone }) }).then((r) => r.json())) as { id: string };
    for (let wait = 0; !sink.codes.has(started.id) && wait < 200; wait++) await new Promise((r) => setTimeout(r, 10));
    await fetch(`${serviceUrl}/v1/verifications/${started.id}/check`, { method: 'POST', headers, body: JSON.stringify({ code: sink.codes.get(started.id) }) });
    verified.push(phone);
  }
  for (let i = 0; i < 20000; i++) {
    const started = (await fetch(`${serviceUrl}/v1/verifications`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ merchantId: 'bench', phoneNumber: `+86136${String(i).padStart(8, '0')}` }),
    }).then((r) => r.json())) as { id: string };
    pending.push(started.id);
  }
  return { platformKey, verifiedNumbers: verified, serviceVerifications: pending, rawVerifications: [], rawReportSql: null, reportsAvailable: true };
}

/**
 * The scale history: `reports` reports over `numbers` numbers (the verified ones among them), each from its own
 * reporter, spread over the last 90 days — reports, contributions and the numbers' rows as the service would
 * have left them (the decayed mass computed in SQL) — in bulk SQL, not HTTP.
 */
export async function seedHistory(url: string, reports: number, numbers: number): Promise<string[]> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const phone = (g: string) => `'+86135' || lpad((1 + (${g} % ${numbers}))::text, 8, '0')`;
    await db.query(
      `WITH r AS (
         INSERT INTO reports (phone_number, reporter_hash, category, attested, assurance, trust, weight, created_at)
         SELECT ${phone('g')}, md5('history-' || g), 'other', false, 0.7, 0.7, 0.35, now() - (g % 7776000) * interval '1 second'
           FROM generate_series(0, $1 - 1) g
         RETURNING id, phone_number, reporter_hash, weight, created_at, category)
       INSERT INTO contributions (phone_number, reporter_hash, value, as_of, low_assurance, epoch, source_report_id, category, last_counted_report_id, last_counted_at)
       SELECT phone_number, reporter_hash, weight, created_at, false, 0, id, category, id, created_at FROM r`,
      [reports],
    );
    await db.query(
      `INSERT INTO numbers AS n (phone_number, mass_normal, mass_as_of, report_count)
       SELECT phone_number, sum(weight * power(2, -extract(epoch FROM now() - created_at) / 2592000)), now(), count(*)
         FROM reports WHERE phone_number LIKE '+86135%' GROUP BY phone_number
       ON CONFLICT (phone_number) DO UPDATE SET mass_normal = EXCLUDED.mass_normal, mass_as_of = EXCLUDED.mass_as_of, report_count = EXCLUDED.report_count`,
    );
    await db.query('VACUUM ANALYZE reports');
    await db.query('VACUUM ANALYZE contributions');
    await db.query('VACUUM ANALYZE numbers');
    return Array.from({ length: numbers }, (_, i) => `+86135${String(i + 1).padStart(8, '0')}`);
  } finally {
    await db.end();
  }
}
