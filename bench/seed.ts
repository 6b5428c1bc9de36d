import { createHmac, hkdfSync, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { freshNumberRecord, NumberHistory, scorePolicy } from '@phonetrust/scoring';
import { NumberRepository } from '../libs/scoring/src/numbers/number.repository';
import { PathContext } from './paths';
import { Sink } from './sms-sink';

const VERIFIED = 10000;

/** The n-th seeded number (from 1): the verified numbers and the scale history's, as the SQL below spells them too. */
const seededNumber = (n: number) => `+86135${String(n).padStart(8, '0')}`;
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
      verifiedNumbers: Array.from({ length: VERIFIED }, (_, i) => seededNumber(i + 1)),
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
    const phone = seededNumber(i + 1);
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
 * The scale history: `reports` reports over `numbers` numbers (the verified ones among them) in bulk SQL, not
 * HTTP. Every reporter files `REPORTS_PER_REPORTER` of them, each on another number; a number's reports are spread
 * evenly over the last 90 days. The numbers' rows are what the service would have left: each number's reports are
 * played through the scoring model in time order (`NumberHistory`, as the CLI import does), so the masses, D's
 * counter, the state and its decay exit agree with the reports — a report in the bench then moves a number the way
 * it would in production, instead of every first one making a transition the history already owed. The history's
 * own transitions leave no rows (audit entries, events): no measured path reads them.
 */
export async function seedHistory(url: string, reports: number, numbers: number): Promise<string[]> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const now = Number((await db.query<{ now: string }>('SELECT extract(epoch FROM now())::float8 AS now')).rows[0].now);
    // Report g: number 1 + g % numbers, reporter ⌊g / REPORTS_PER_REPORTER⌋, filed g · step seconds ago.
    const step = HISTORY_SECONDS / reports;
    const phone = (g: string) => `'+86135' || lpad((1 + (${g} % ${numbers}))::text, 8, '0')`;
    await db.query(
      `WITH r AS (
         INSERT INTO reports (phone_number, reporter_hash, category, attested, assurance, trust, weight, created_at)
         SELECT ${phone('g')}, encode(sha256(convert_to('history-' || (g / ${REPORTS_PER_REPORTER}), 'UTF8')), 'hex'),
                'other', false, 0.7, 0.7, $2::float8, to_timestamp($3::float8 - g * $4::float8)
           FROM generate_series(0, $1 - 1) g
         RETURNING id, phone_number, reporter_hash, weight, created_at, category)
       INSERT INTO contributions (phone_number, reporter_hash, value, as_of, low_assurance, epoch, source_report_id, category, last_counted_report_id, last_counted_at)
       SELECT phone_number, reporter_hash, weight, created_at, false, 0, id, category, id, created_at FROM r`,
      [reports, HISTORY_WEIGHT, now, step],
    );
    await db.query(
      `INSERT INTO reporters (reporter_hash, first_seen_at, last_report_at)
       SELECT encode(sha256(convert_to('history-' || r, 'UTF8')), 'hex'), to_timestamp($2::float8 - ((r + 1) * ${REPORTS_PER_REPORTER} - 1) * $3::float8),
              to_timestamp($2::float8 - r * ${REPORTS_PER_REPORTER} * $3::float8)
         FROM generate_series(0, ($1 - 1) / ${REPORTS_PER_REPORTER}) r
       ON CONFLICT DO NOTHING`,
      [reports, now, step],
    );
    const states = await writeNumbers(db, reports, numbers, now, step);
    process.stderr.write(`seeded numbers by state: ${[...states].map(([state, count]) => `${state} ${count}`).join(', ')}\n`);
    await db.query('VACUUM ANALYZE reports');
    await db.query('VACUUM ANALYZE contributions');
    await db.query('VACUUM ANALYZE reporters');
    await db.query('VACUUM ANALYZE numbers');
    // What a report's writes must keep in memory at this size, against the server's shared_buffers.
    const sizes = await db.query<{ relname: string; heap: string; indexes: string }>(
      `SELECT relname, pg_size_pretty(pg_relation_size(relid)) AS heap, pg_size_pretty(pg_indexes_size(relid)) AS indexes
         FROM pg_stat_user_tables WHERE relname IN ('reports', 'contributions', 'reporters', 'numbers') ORDER BY relname`,
    );
    process.stderr.write(`seeded sizes (heap / indexes): ${sizes.rows.map((r) => `${r.relname} ${r.heap} / ${r.indexes}`).join(', ')}\n`);
    return Array.from({ length: numbers }, (_, i) => seededNumber(i + 1));
  } finally {
    await db.end();
  }
}

const HISTORY_SECONDS = 90 * 86400;
const REPORTS_PER_REPORTER = 5;
/** 'other' (severity 0.5) by a reporter of assurance 0.7 with no verdicts (trust 0.7): w = 0.35. */
const HISTORY_WEIGHT = 0.35;
const DEDUPE_WINDOW_SECONDS = 86400;

/**
 * The numbers' rows, from their reports played through the model. A number the model would have sent to review
 * needs a case the seed does not open: the history is sized so that none does, and the seed refuses otherwise.
 */
async function writeNumbers(db: Client, reports: number, numbers: number, now: number, step: number): Promise<Map<string, number>> {
  const policy = scorePolicy();
  const repository = new NumberRepository(policy);
  const states = new Map<string, number>();
  const chunk = 10000;
  for (let first = 0; first < numbers; first += chunk) {
    // One array per parameter of the number's save statement, in its order (the INSERT's columns below).
    const columns: unknown[][] = [];
    for (let k = first; k < Math.min(first + chunk, numbers); k++) {
      // Number k's reports, oldest first.
      const gs: number[] = [];
      for (let g = k; g < reports; g += numbers) gs.push(g);
      gs.reverse();
      // Each reporter reports a number once, so the dedupe window never applies.
      const history = new NumberHistory(policy, { record: freshNumberRecord(policy, now - HISTORY_SECONDS - 1) }, DEDUPE_WINDOW_SECONDS);
      for (const g of gs) {
        const report = { id: String(g), weight: HISTORY_WEIGHT, category: 'other' as const, lowAssurance: false, lowTrust: false };
        history.report({ at: now - g * step, reporter: String(Math.floor(g / REPORTS_PER_REPORTER)), report, attestedThreat: false });
      }
      history.advanceTo(now);
      const record = history.record;
      if (record.state !== 'ok' && record.state !== 'watch') throw new Error(`the scale history sends ${seededNumber(k + 1)} to ${record.state}: no case was seeded for it`);
      states.set(record.state, (states.get(record.state) ?? 0) + 1);
      repository.saveStatement(seededNumber(k + 1), record, now).params.forEach((value, i) => (columns[i] ??= []).push(value));
    }
    await db.query(
      `INSERT INTO numbers (phone_number, state, state_held, state_changed_at, mass_normal, mass_low, mass_as_of, epoch, live_reporters,
                            burst_window, report_count, decays_at, decays_to, next_evaluation_at, updated_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::boolean[], $4::timestamptz[], $5::float8[], $6::float8[], $7::timestamptz[], $8::int[],
                            $9::jsonb[], $10::jsonb[], $11::int[], $12::timestamptz[], $13::text[], $14::timestamptz[], $15::timestamptz[])
       ON CONFLICT (phone_number) DO UPDATE SET state = EXCLUDED.state, state_held = EXCLUDED.state_held, state_changed_at = EXCLUDED.state_changed_at,
         mass_normal = EXCLUDED.mass_normal, mass_low = EXCLUDED.mass_low, mass_as_of = EXCLUDED.mass_as_of, epoch = EXCLUDED.epoch,
         live_reporters = EXCLUDED.live_reporters, burst_window = EXCLUDED.burst_window, report_count = EXCLUDED.report_count,
         decays_at = EXCLUDED.decays_at, decays_to = EXCLUDED.decays_to, next_evaluation_at = EXCLUDED.next_evaluation_at, updated_at = EXCLUDED.updated_at`,
      columns,
    );
  }
  return states;
}
