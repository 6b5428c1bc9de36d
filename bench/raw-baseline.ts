/**
 * The raw ceiling for the benchmark: plain Fastify and node-postgres doing the same SQL work as each service
 * path, with no framework, no auth, no validation, no cache. Started by bench/run.ts as its own process.
 */
import { createHmac, hkdfSync, randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { Pool } from 'pg';

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

app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) }).then(() => process.stdout.write(`raw baseline listening\n`));
process.on('SIGTERM', () => void app.close().then(() => pool.end()).then(() => process.exit(0)));
