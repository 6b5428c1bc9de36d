import { createHash } from 'node:crypto';
import { Statement } from '../database/statements';
import { LimitRule } from './limit-rule';

export const RATE_LIMIT_TABLE = 'rate_limits';

/** A counter's row as the store returns it (pg gives `bigint` as a string, JSON as a number). */
export interface ChargedRow {
  readonly key: string;
  readonly points: number | string;
  readonly expire: number | string | null;
}

/** The first rule the charge took past its points, and when a point of it frees up again. */
export interface Refusal {
  readonly rule: LimitRule;
  readonly retryAfterSeconds: number;
}

/**
 * A counter's key in the store: the rule's limiter, then its key — rate-limiter-flexible's `keyPrefix:key`, so a
 * counter charged here and one charged (or refunded) through the library are the same row.
 */
export function counterKey(rule: LimitRule): string {
  return `${limiterId(rule)}:${storedKey(rule)}`;
}

/** The limiter a rule's counter belongs to (the library's `keyPrefix`): its scope, points and window. */
export function limiterId(rule: LimitRule): string {
  return `${rule.scope}:${rule.points}:${rule.durationSeconds}`;
}

/** Keys hold client-given ids: long ones are hashed to fit the store and never stored verbatim at length. */
export function storedKey(rule: LimitRule): string {
  return rule.key.length <= 160 ? rule.key : createHash('sha256').update(rule.key).digest('hex');
}

/**
 * One statement charging `cost` to every rule's counter (the same upsert rate-limiter-flexible runs, for all the
 * rules at once): run it inside a transaction and the charges commit or roll back with the work they paid for.
 * Rows are written in key order, so two transactions charging the same counters queue rather than deadlock.
 * `now` is in milliseconds, on the clock the library's counters use.
 */
export function chargeStatement(rules: readonly LimitRule[], now: number, cost = 1): Statement {
  const windows = new Map<string, number>();
  for (const rule of rules) windows.set(counterKey(rule), rule.durationSeconds * 1000);
  const keys = [...windows.keys()].sort();
  return { text: CHARGE, params: [keys, cost, now, keys.map((k) => windows.get(k)!)] };
}

const CHARGE = `INSERT INTO ${RATE_LIMIT_TABLE} AS r (key, points, expire)
       SELECT k, $2::int, $3::bigint + d FROM unnest($1::text[], $4::bigint[]) AS t(k, d) ORDER BY k
       ON CONFLICT (key) DO UPDATE SET
         points = CASE WHEN r.expire <= $3 THEN EXCLUDED.points ELSE r.points + EXCLUDED.points END,
         expire = CASE WHEN r.expire <= $3 THEN EXCLUDED.expire ELSE r.expire END
       RETURNING r.key, r.points, r.expire`;

/**
 * Which rule the charge refused, in rule order (the 429 names the first), or null when every counter is within its
 * points. A refused charge must be rolled back with its transaction: then it cost no counter anything.
 */
export function refusalOf(rules: readonly LimitRule[], rows: readonly ChargedRow[], now: number): Refusal | null {
  const byKey = new Map(rows.map((row) => [row.key, row]));
  for (const rule of rules) {
    const row = byKey.get(counterKey(rule));
    if (!row) throw new Error(`rate limit counter ${limiterId(rule)} was not charged`);
    if (Number(row.points) <= rule.points) continue;
    const windowMs = rule.durationSeconds * 1000;
    // The window was opened by whichever process charged first, on its own clock: never more than one window.
    const msBeforeNext = row.expire === null ? windowMs : Math.min(Math.max(Number(row.expire) - now, 0), windowMs);
    return { rule, retryAfterSeconds: msBeforeNext / 1000 };
  }
  return null;
}
