/**
 * The raw ceiling for the benchmark: plain Fastify and node-postgres doing the same SQL work as each service
 * path, with no framework, no auth, no validation, no cache. Started by bench/run.ts as its own process.
 */
import { createHmac, hkdfSync, randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { Pool, PoolClient } from 'pg';

// Idle connections are kept as long as the service keeps its own (DATABASE_POOL_IDLE_TIMEOUT_MS's default): with
// pg's 10 s, each side's pool would reconnect at the start of every round, after the other side's.
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 10), idleTimeoutMillis: 600000 });
pool.on('error', () => undefined);
const hmacKey = Buffer.from(hkdfSync('sha256', process.env.OTP_SECRET!, 'phonetrust', 'otp-hmac-v1', 32));
const app = Fastify({ logger: false });

// Display: one uncached indexed lookup of the number's binding and state.
const DISPLAY_SQL = `SELECT b.merchant_id, b.expires_at, n.state
  FROM (SELECT unnest($1::text[]) AS p) q
  LEFT JOIN phone_bindings b ON b.phone_number = q.p AND b.status = 'verified'
  LEFT JOIN numbers n ON n.phone_number = q.p`;

app.get<{ Params: { n: string } }>('/display/:n', async (req) => {
  const { rows } = await pool.query(DISPLAY_SQL, [[req.params.n]]);
  const row = rows[0];
  const displayable = !!row.merchant_id && row.expires_at > new Date() && row.state !== 'restricted' && row.state !== 'suspended';
  return { phoneNumber: req.params.n, displayable, merchantId: row.merchant_id ?? undefined };
});

app.post<{ Body: { phoneNumbers: string[] } }>('/display', async (req) => {
  const { rows } = await pool.query(DISPLAY_SQL, [req.body.phoneNumbers]);
  return { items: rows.map((row, i) => ({ phoneNumber: req.body.phoneNumbers[i], displayable: !!row.merchant_id && row.state !== 'suspended' })) };
});

// Code check: a lock-compare-update transaction.
app.post<{ Params: { id: string }; Body: { code: string } }>('/check/:id', async (req) => {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query('SELECT code_hash, attempts FROM verifications WHERE id = $1 FOR UPDATE', [req.params.id]);
    const valid = createHmac('sha256', hmacKey).update(`${req.params.id}:${req.body.code}`).digest('hex') === rows[0].code_hash;
    await client.query(`UPDATE verifications SET attempts = attempts + 1, status = CASE WHEN $2 THEN 'approved' ELSE status END WHERE id = $1`, [req.params.id, valid]);
    await client.query('COMMIT');
    return { id: req.params.id, valid, attemptsRemaining: 4 - rows[0].attempts };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
});

// Verification start: the verification and its SMS outbox row in one statement.
app.post<{ Body: { merchantId: string; phoneNumber: string } }>('/start', async (req) => {
  const id = randomUUID();
  await pool.query(
    `WITH v AS (INSERT INTO verifications (id, merchant_id, phone_number, number_type, channel, locale, code_hash, last_sent_at, expires_at)
                VALUES ($1, $2, $3, 'mobile', 'sms', 'en', $4, now(), now() + interval '10 minutes') RETURNING id)
     INSERT INTO outbox (topic, type, aggregate_id, payload, status) SELECT 'raw-sms', 'otp.initial', v.id::text, '{}'::jsonb, 'discarded' FROM v`,
    [id, req.body.merchantId, req.body.phoneNumber, createHmac('sha256', hmacKey).update(`${id}:123456`).digest('hex')],
  );
  return { id, status: 'pending' };
});

// Report intake: the report row and the score upsert in one round trip (when the schema has them).
app.post<{ Body: { phoneNumber: string; reporterId: string; category: string } }>('/report', async (req) => {
  const { rows } = await pool.query(process.env.RAW_REPORT_SQL!, [req.body.phoneNumber, req.body.reporterId, req.body.category]);
  return { id: rows[0]?.id, counted: true };
});

// Report intake as the service's design makes it, without the service: the same two rows as `/report`, but the
// number's row is locked first (BEGIN and the lock in one packet), its new mass decided here, and then written with
// the report (COMMIT in the same packet). Two round trips where `/report` makes one: what the design's second round
// trip costs by itself, on this machine, beside what the service costs.
const pipelined = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 10), idleTimeoutMillis: 600000, pipeline: true });
pipelined.on('error', () => undefined);
const LOCK_NUMBER_SQL = `INSERT INTO numbers AS n (phone_number) VALUES ($1)
  ON CONFLICT (phone_number) DO UPDATE SET phone_number = EXCLUDED.phone_number
  RETURNING n.mass_normal, extract(epoch FROM clock_timestamp() - n.mass_as_of) AS age, n.report_count`;
const WRITE_REPORT_SQL = `WITH r AS (
    INSERT INTO reports (phone_number, reporter_hash, category, assurance, trust, weight)
    VALUES ($1, encode(sha256(convert_to($2, 'UTF8')), 'hex'), $3, 0.3, 0.3, 1)
    RETURNING id)
  UPDATE numbers SET mass_normal = $4, mass_as_of = clock_timestamp(), report_count = $5 WHERE phone_number = $1
  RETURNING (SELECT id FROM r) AS id`;
const HALF_LIFE_SECONDS = 2592000;

/** Queries written to the connection in one packet, pg's pipeline mode sending each without waiting for the last. */
function inOnePacket<T>(client: PoolClient, send: () => T): T {
  const stream = (client as unknown as { connection: { stream: { cork(): void; uncork(): void } } }).connection.stream;
  stream.cork();
  try {
    return send();
  } finally {
    stream.uncork();
  }
}

app.post<{ Body: { phoneNumber: string; reporterId: string; category: string } }>('/report-locked', async (req) => {
  const { phoneNumber, reporterId, category } = req.body;
  const client = await pipelined.connect();
  try {
    const [, locked] = await inOnePacket(client, () => Promise.all([client.query('BEGIN'), client.query(LOCK_NUMBER_SQL, [phoneNumber])]));
    const row = locked.rows[0];
    const mass = Number(row.mass_normal) * Math.pow(2, -Number(row.age) / HALF_LIFE_SECONDS) + 1;
    const [written] = await inOnePacket(client, () =>
      Promise.all([client.query(WRITE_REPORT_SQL, [phoneNumber, reporterId, category, mass, row.report_count + 1]), client.query('COMMIT')]),
    );
    return { id: written.rows[0]?.id, counted: true };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
});

app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) }).then(() => process.stdout.write(`raw baseline listening\n`));
process.on('SIGTERM', () => void app.close().then(() => Promise.all([pool.end(), pipelined.end()])).then(() => process.exit(0)));
